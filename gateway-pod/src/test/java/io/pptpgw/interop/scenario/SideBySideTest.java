package io.pptpgw.interop.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SideBySideTest {
    private static final String PPPD = """
            Connect: ppp0 <--> /dev/pts/0
            sent [LCP ConfReq id=0x1 <mru 1400> <magic 0xd71e5fbd>]
            rcvd [LCP ConfAck id=0x1 <mru 1400> <magic 0xd71e5fbd>]
            sent [LCP EchoReq id=0x0 magic=0xd71e5fbd]
            sent [LCP EchoReq id=0x1 magic=0xd71e5fbd]
            """;
    private static final String OURS = """
            13:59:22.100 DEBUG [pptp-control-3-1] io.pptpgw.ppp.fsm.Automaton - LCP: RCR+ in REQ_SENT -> ACK_SENT
            13:59:22.101 DEBUG [pptp-control-3-1] io.pptpgw.ppp.fsm.PacketLog - recv [LCP ConfReq id=0x1 <mru 1400>]
            13:59:22.102 DEBUG [pptp-control-3-1] io.pptpgw.ppp.fsm.PacketLog - sent [LCP ConfAck id=0x1 <mru 1400>]
            13:59:22.300 INFO  [pptp-control-3-1] io.pptpgw.session.Session - session[call 1]: up
            13:59:24.000 DEBUG [pptp-control-3-1] io.pptpgw.ppp.fsm.PacketLog - recv [LCP EchoReq id=0x1 magic=0xd71e5fbd]
            """;

    @Test
    void eachPacketSitsBesideTheOtherSidesLineForItAndALostOneStandsAlone() {
        List<String> rows =
                SideBySide.render("pppd", PPPD, "pptpgw", OURS).lines().toList();

        assertThat(rows.get(0)).startsWith("pppd ").endsWith(" | pptpgw");
        assertThat(rows)
                .anySatisfy(row -> assertThat(row)
                        .startsWith("sent [LCP ConfReq id=0x1")
                        .endsWith("| 13:59:22.101 recv [LCP ConfReq id=0x1 <mru 1400>]"));
        assertThat(rows)
                .anySatisfy(row -> assertThat(row)
                        .startsWith("rcvd [LCP ConfAck id=0x1")
                        .endsWith("| 13:59:22.102 sent [LCP ConfAck id=0x1 <mru 1400>]"));
        assertThat(rows)
                .as("the echo request we never logged")
                .anySatisfy(row ->
                        assertThat(row).startsWith("sent [LCP EchoReq id=0x0").endsWith("| "));
        assertThat(rows)
                .anySatisfy(row -> assertThat(row)
                        .startsWith("sent [LCP EchoReq id=0x1")
                        .endsWith("| 13:59:24.000 recv [LCP EchoReq id=0x1 magic=0xd71e5fbd]"));
        assertThat(rows)
                .as("our INFO lines stay, our other DEBUG lines go")
                .anySatisfy(row -> assertThat(row).endsWith("13:59:22.300 session[call 1]: up"))
                .noneSatisfy(row -> assertThat(row).contains("RCR+"));
    }
}
