package dev.backstop.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SizeSyntaxTest {

    @ParameterizedTest(name = "{0} is {1} bytes")
    @CsvSource({
        "0, 0",
        "512, 512",
        "512B, 512",
        "500KB, 500000",
        "500kb, 500000",
        "16KiB, 16384",
        "10MiB, 10485760",
        "10mib, 10485760",
        "100MB, 100000000",
        "10GiB, 10737418240",
        "1GB, 1000000000",
        "2TiB, 2199023255552",
        "1TB, 1000000000000",
        "' 1KiB ', 1024"
    })
    void readsBytesAndDecimalAndBinaryUnits(String text, long bytes) {
        assertThat(SizeSyntax.parse(text)).isEqualTo(bytes);
    }

    @ParameterizedTest(name = "\"{0}\" is refused")
    @ValueSource(strings = {"10 megs", "10 MiB", "1.5GB", "-1", "MiB", "", "10M", "10k", "ten"})
    void refusesAnythingElseNamingTheValue(String text) {
        assertThatThrownBy(() -> SizeSyntax.parse(text))
                .isInstanceOf(MalformedValueException.class)
                .hasMessage("\"" + text + "\" is not a size like 500KB, 10MiB, 1GiB or a number of bytes.");
    }

    @Test
    void refusesSizesBeyondALong() {
        assertThatThrownBy(() -> SizeSyntax.parse("9000000TiB"))
                .isInstanceOf(MalformedValueException.class)
                .hasMessage("\"9000000TiB\" is too large; sizes stop below 8EiB.");
    }

    @ParameterizedTest(name = "{0} bytes is written {1}")
    @CsvSource({"0, 0", "1000, 1KB", "1024, 1KiB", "10485760, 10MiB", "1500, 1500", "10737418240, 10GiB"})
    void formatsInTheLargestExactUnit(long bytes, String text) {
        assertThat(SizeSyntax.format(bytes)).isEqualTo(text);
        assertThat(SizeSyntax.parse(text)).isEqualTo(bytes);
    }
}
