package dev.backstop.watch;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/** TLS sockets that trust the PEM certificates of one file ({@code smtp.ca_file}) and nothing else. Stateless. */
final class TrustedCertificates {

    private TrustedCertificates() {}

    static SSLSocketFactory socketFactory(Path pemFile) {
        try (InputStream pem = Files.newInputStream(pemFile)) {
            KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            trusted.load(null, null);
            int number = 0;
            for (Certificate certificate :
                    CertificateFactory.getInstance("X.509").generateCertificates(pem)) {
                trusted.setCertificateEntry("ca-" + number++, certificate);
            }
            if (number == 0) {
                throw new UnusableAlertChannelException("smtp.ca_file: '" + pemFile
                        + "' holds no PEM certificate; name a file with BEGIN CERTIFICATE blocks.");
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context.getSocketFactory();
        } catch (IOException | GeneralSecurityException unreadable) {
            throw new UnusableAlertChannelException(
                    "smtp.ca_file: '" + pemFile + "' cannot be read as PEM certificates (" + unreadable.getMessage()
                            + "); name a readable file with BEGIN CERTIFICATE blocks.");
        }
    }
}
