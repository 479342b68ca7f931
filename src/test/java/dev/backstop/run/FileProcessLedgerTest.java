package dev.backstop.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileProcessLedgerTest {

    @TempDir
    Path data;

    @Test
    void aSavedRecordIsReadBackIdenticallyByAnotherInstance() {
        ProcessRecord record = record("web", 1, 4242);

        new FileProcessLedger(data).save(record);

        assertThat(new FileProcessLedger(data).all()).containsExactly(record);
    }

    @Test
    void savingAnInstanceAgainReplacesItsRecord() {
        FileProcessLedger ledger = new FileProcessLedger(data);
        ledger.save(record("web", 1, 100));
        ledger.save(record("web", 2, 200));

        ledger.save(record("web", 1, 300));

        assertThat(ledger.all()).extracting(ProcessRecord::pid).containsExactlyInAnyOrder(200L, 300L);
    }

    @Test
    void removingForgetsOnlyThatInstance() {
        FileProcessLedger ledger = new FileProcessLedger(data);
        ledger.save(record("web", 1, 100));
        ledger.save(record("worker", 1, 200));

        ledger.remove(new InstanceKey("r1", "web", 1));

        assertThat(ledger.all()).extracting(ProcessRecord::service).containsExactly("worker");
    }

    @Test
    void anEmptyDataDirectoryHasNoRecordsAndWritingLeavesNoTemporaryFile() throws IOException {
        FileProcessLedger ledger = new FileProcessLedger(data.resolve("not-yet"));
        assertThat(ledger.all()).isEmpty();

        ledger.save(record("web", 1, 100));

        try (var files = Files.list(data.resolve("not-yet"))) {
            assertThat(files).containsExactly(ledger.file());
        }
    }

    @Test
    void aCorruptLedgerIsReportedWithItsPathAndWhatToDo() throws IOException {
        FileProcessLedger ledger = new FileProcessLedger(data);
        Files.writeString(ledger.file(), "{ not json");

        assertThatThrownBy(ledger::all)
                .isInstanceOf(ProcessLedgerException.class)
                .hasMessageContaining("'" + ledger.file() + "'")
                .hasMessageContaining("move it aside");
    }

    private ProcessRecord record(String service, int instance, long pid) {
        return new ProcessRecord(
                service,
                instance,
                "r1",
                pid,
                777,
                8080,
                data.resolve("logs/" + service + ".log"),
                Instant.now().truncatedTo(ChronoUnit.MICROS));
    }
}
