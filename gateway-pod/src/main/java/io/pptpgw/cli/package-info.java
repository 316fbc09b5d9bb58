/** The {@code pptpgw} command line: one picocli command class per subcommand under {@link io.pptpgw.cli.PptpgwCommand}. */
package io.pptpgw.cli;
