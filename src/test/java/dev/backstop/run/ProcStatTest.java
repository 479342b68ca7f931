package dev.backstop.run;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProcStatTest {

    @Test
    void aCommandNameWithSpacesAndParenthesesDoesNotShiftTheFields() {
        String line = "4242 (my (odd) name) S 1 4242 4242 0 -1 4194560 100 0 0 0 1 2 0 0 20 0 1 0 987654 1000 10";

        ProcStat stat = ProcStat.parse(4242, line);

        assertThat(stat.state()).isEqualTo('S');
        assertThat(stat.processGroup()).isEqualTo(4242);
        assertThat(stat.startTicks()).isEqualTo(987654);
    }

    @Test
    void theRunningJvmIsReadWithAStableStartTime() {
        long self = ProcessHandle.current().pid();

        ProcStat first = ProcStat.read(self).orElseThrow();
        ProcStat second = ProcStat.read(self).orElseThrow();

        assertThat(first.startTicks()).isPositive().isEqualTo(second.startTicks());
        assertThat(first.hasEnded()).isFalse();
    }

    @Test
    void aPidWithoutAProcessReadsAsEmpty() {
        assertThat(ProcStat.read(Integer.MAX_VALUE)).isEmpty();
    }
}
