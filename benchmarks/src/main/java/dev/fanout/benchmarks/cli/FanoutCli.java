package dev.fanout.benchmarks.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;

/**
 * The {@code fanout} command line. The launcher script finds JDK 25 and runs this class; each
 * command is a class of its own in this package.
 *
 * <p>Exit status everywhere: 0 done, 1 an internal error (or, for {@code gate}, a regression),
 * 2 bad input: one line that names the argument or file, and nothing written.
 */
@Command(name = "fanout", mixinStandardHelpOptions = true, version = "fanout 0.1.0",
        subcommands = {ListCommand.class, RunCommand.class, ServeCommand.class, BenchCommand.class, ReportCommand.class, GateCommand.class},
        description = {"Fan-out strategies for I/O-bound calls, and the benchmarks that compare them.", ""},
        commandListHeading = "%nCommands:%n")
public final class FanoutCli {

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line and returns its exit status (tests call this). */
    public static int execute(String... args) {
        CommandLine cli = new CommandLine(new FanoutCli());
        cli.setParameterExceptionHandler((e, a) -> usageError(e.getCommandLine(), e.getMessage()));
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof UsageException) {
                return usageError(commandLine, e.getMessage());
            }
            commandLine.getErr().println(commandLine.getCommandName() + ": error: " + e);
            e.printStackTrace(commandLine.getErr());
            return 1;
        });
        return cli.execute(args);
    }

    private static int usageError(CommandLine commandLine, String message) {
        PrintWriter err = commandLine.getErr();
        String command = commandLine.getCommandSpec().qualifiedName(" ");
        err.println(command + ": " + message.replace('\n', ' ') + " (" + command + " --help shows every option)");
        err.flush();
        return 2;
    }
}
