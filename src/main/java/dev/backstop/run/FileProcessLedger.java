package dev.backstop.run;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.backstop.store.PrivateFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A {@link ProcessLedger} kept as one JSON file ({@code <data>/processes.json}). Each change
 * rewrites the file through a synced temporary file and an atomic rename, so a crash leaves either
 * the old or the new ledger, never half of one. Thread-safe within one JVM; two daemons must not
 * share a data directory.
 */
public final class FileProcessLedger implements ProcessLedger {

    private static final String FILE_NAME = "processes.json";
    private static final TypeReference<List<ProcessRecord>> RECORDS = new TypeReference<>() {};

    private final Path file;
    private final ObjectMapper json = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            // A plain path rather than Jackson's default file:// URI: people read this file when debugging.
            .registerModule(new SimpleModule().addSerializer(Path.class, new ToStringSerializer(Path.class)))
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.INDENT_OUTPUT);

    public FileProcessLedger(Path dataDir) {
        this.file = dataDir.resolve(FILE_NAME);
    }

    public Path file() {
        return file;
    }

    @Override
    public synchronized void save(ProcessRecord process) {
        List<ProcessRecord> records = withoutInstance(process.key());
        records.add(process);
        write(records);
    }

    @Override
    public synchronized void remove(InstanceKey instance) {
        List<ProcessRecord> records = read();
        List<ProcessRecord> kept = withoutInstance(instance);
        if (kept.size() != records.size()) {
            write(kept);
        }
    }

    @Override
    public synchronized List<ProcessRecord> all() {
        return List.copyOf(read());
    }

    private List<ProcessRecord> withoutInstance(InstanceKey instance) {
        List<ProcessRecord> records = new ArrayList<>(read());
        records.removeIf(record -> record.key().equals(instance));
        return records;
    }

    private List<ProcessRecord> read() {
        try {
            return json.readValue(Files.readAllBytes(file), RECORDS);
        } catch (NoSuchFileException none) {
            return List.of();
        } catch (JacksonException e) {
            throw new ProcessLedgerException(
                    "Process ledger '" + file + "' is not valid JSON (" + e.getOriginalMessage()
                            + "); move it aside and restart: running processes will then be started afresh.",
                    e);
        } catch (IOException e) {
            throw new ProcessLedgerException(
                    "Could not read process ledger '" + file + "': " + e.getMessage()
                            + "; check the data directory's permissions.",
                    e);
        }
    }

    private void write(List<ProcessRecord> records) {
        Path temporary = file.resolveSibling(FILE_NAME + ".tmp");
        try {
            PrivateFiles.directory(file.getParent());
            Files.deleteIfExists(temporary); // a crash may have left it with an older, wider mode
            try (FileChannel channel = FileChannel.open(
                    temporary,
                    Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))) {
                ByteBuffer bytes = ByteBuffer.wrap(json.writeValueAsBytes(records));
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
                channel.force(true);
            }
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new ProcessLedgerException(
                    "Could not write process ledger '" + file + "': " + e.getMessage()
                            + "; check free space and permissions of the data directory.",
                    e);
        }
    }
}
