package io.pptpgw.lab;

/** Test program: prints its arguments and whether native access is enabled for it, as started by the lab. */
public final class EchoArgsMain {
    private EchoArgsMain() {}

    public static void main(String[] args) {
        System.out.println("ARGS " + String.join(",", args) + " NATIVE "
                + EchoArgsMain.class.getModule().isNativeAccessEnabled());
    }
}
