package io.pptpgw.cli;

public final class PptpgwCommand {
    public static void main(String[] args) {}
}
