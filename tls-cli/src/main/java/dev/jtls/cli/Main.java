package dev.jtls.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code jtls} command. */
@Command(name = "jtls",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "A TLS 1.2 implementation in pure Java.",
        subcommands = {DemoCommand.class, ClientCommand.class, ServerCommand.class, BenchCommand.class, ProvidersCommand.class, ProxyCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns the exit code (tests call this instead of main). */
    public static int run(String... args) {
        CommandLine cmd = new CommandLine(new Main());
        // A bad option value or an unknown option: one line naming it (not the whole usage), exit 2.
        cmd.setParameterExceptionHandler((e, given) -> {
            CommandLine bad = e.getCommandLine();
            bad.getErr().println(bad.getCommandSpec().qualifiedName() + ": " + e.getMessage() + " (see "
                    + bad.getCommandSpec().qualifiedName() + " --help)");
            return bad.getCommandSpec().exitCodeOnInvalidInput();
        });
        return cmd.execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
