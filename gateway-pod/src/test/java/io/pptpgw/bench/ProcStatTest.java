package io.pptpgw.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pptpgw.lab.LabException;
import org.junit.jupiter.api.Test;

/** Parsing what proc(5) writes: CPU ticks of a stat line, VmRSS of a status file, busy ticks of /proc/stat. */
class ProcStatTest {
    /** A real /proc/PID/task/TID/stat line, with utime 150 and stime 25 (fields 14 and 15). */
    private static final String STAT = "4711 (pptpgw-gre) S 2563 2563 32101 0 -1 4194304 101 0 0 0 150 25 0 0 20 0 1 0"
            + " 1341541 3133440 410 18446744073709551615 94034262949888 94034262969769 0 0 0 0 0 0 0 0 0 17 1 0 0\n";

    @Test
    void cpuTicksAreUserPlusSystemTime() {
        assertThat(ProcStat.cpuTicks(STAT, "stat")).isEqualTo(175);
    }

    @Test
    void aNameWithSpacesAndParenthesesDoesNotShiftTheFields() {
        String stat = STAT.replace("(pptpgw-gre)", "(a (b) c) d)");

        assertThat(ProcStat.cpuTicks(stat, "stat")).isEqualTo(175);
    }

    @Test
    void aStatLineWithoutTheTimesIsAnErrorNamingTheFileAndWhatWasRead() {
        assertThatThrownBy(() -> ProcStat.cpuTicks("4711 (java) S 1 2 3", "/proc/4711/stat"))
                .isInstanceOf(LabException.class)
                .hasMessage("/proc/4711/stat is not what Linux writes there: expected a stat line with utime and"
                        + " stime (fields 14 and 15) after '(name)', read '4711 (java) S 1 2 3'");
        assertThatThrownBy(() -> ProcStat.cpuTicks("no parentheses at all", "/proc/1/stat"))
                .isInstanceOf(LabException.class)
                .hasMessageContaining("/proc/1/stat is not what Linux writes there");
        assertThatThrownBy(() -> ProcStat.cpuTicks("", "/proc/1/stat"))
                .isInstanceOf(LabException.class)
                .hasMessageEndingWith("read ''");
    }

    @Test
    void aTimeThatIsNoNumberIsAnErrorNamingIt() {
        String stat = STAT.replace(" 150 25 ", " 150 lots ");

        assertThatThrownBy(() -> ProcStat.cpuTicks(stat, "/proc/4711/stat"))
                .isInstanceOf(LabException.class)
                .hasMessageContaining("/proc/4711/stat")
                .hasMessageContaining("where 'lots' is");
    }

    @Test
    void residentBytesComeFromVmRssInKibibytes() {
        String status = "Name:\tjava\nVmPeak:\t  999 kB\nVmRSS:\t    1968 kB\nRssAnon:\t 1000 kB\n";

        assertThat(ProcStat.residentBytes(status, "status")).isEqualTo(1968L * 1024);
    }

    @Test
    void aStatusWithoutVmRssOrWithAnOddOneIsAnError() {
        assertThatThrownBy(() -> ProcStat.residentBytes("Name:\tjava\nState:\tZ (zombie)\n", "/proc/9/status"))
                .isInstanceOf(LabException.class)
                .hasMessageStartingWith("/proc/9/status is not what Linux writes there: expected a 'VmRSS:' line");
        assertThatThrownBy(() -> ProcStat.residentBytes("VmRSS:\t 12 MB\n", "/proc/9/status"))
                .isInstanceOf(LabException.class)
                .hasMessageContaining("expected 'VmRSS: <number> kB', read 'VmRSS:\t 12 MB'");
        assertThatThrownBy(() -> ProcStat.residentBytes("VmRSS:\t many kB\n", "/proc/9/status"))
                .isInstanceOf(LabException.class)
                .hasMessageContaining("where 'many' is");
    }

    @Test
    void busyTicksAreEverythingButIdleAndIowait() {
        // user nice system idle iowait irq softirq steal guest guest_nice
        String procStat = "cpu  1000 20 300 99999 777 4 50 6 500 0\ncpu0 1 2 3 4 5 6 7 8 9 10\nintr 1\n";

        assertThat(ProcStat.busyTicks(procStat)).isEqualTo(1000 + 20 + 300 + 4 + 50 + 6);
    }

    @Test
    void aProcStatThatDoesNotStartWithTheCpuLineIsAnError() {
        assertThatThrownBy(() -> ProcStat.busyTicks("intr 1 2 3\n"))
                .isInstanceOf(LabException.class)
                .hasMessage("/proc/stat is not what Linux writes there: expected a first line 'cpu' with at least 8"
                        + " times, read 'intr 1 2 3'");
        assertThatThrownBy(() -> ProcStat.busyTicks("cpu 1 2 3\n"))
                .isInstanceOf(LabException.class)
                .hasMessageContaining("read 'cpu 1 2 3'");
        assertThatThrownBy(() -> ProcStat.busyTicks(""))
                .isInstanceOf(LabException.class)
                .hasMessageContaining("expected a first line 'cpu'");
    }

    @Test
    void thisMachinesOwnProcFilesParse() {
        long self = ProcessHandle.current().pid();

        assertThat(ProcStat.processCpuNanos(self)).isPositive();
        assertThat(ProcStat.residentBytes(self)).isGreaterThan(1 << 20);
        assertThat(ProcStat.machineBusyNanos()).isPositive();
        assertThat(ProcStat.threadCpuNanos(self, java.util.Set.of("no-such-thread")))
                .isZero();
    }
}
