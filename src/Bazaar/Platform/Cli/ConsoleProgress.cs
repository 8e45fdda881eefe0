using Spectre.Console;

namespace Bazaar.Platform.Cli;

/// <summary>
/// Progress of a long command. On a terminal: Spectre.Console's live bar. Anywhere else (a CI log,
/// a file, a pipe) Spectre would fall back to its own milestone lines; a line every tenth of the
/// way with the rate and time left says more and never redraws, so a log stays short.
/// </summary>
internal static class ConsoleProgress
{
    public static Task RunAsync(string description, int total, Func<IProgress<int>, Task> work) =>
        RunAsync(description, total, n => n.ToString("N0"), progress => work(new Inline<int>(done => progress.Report(done))));

    /// <param name="format">How an amount reads in the plain lines: a count (1,000) or a size (12.5 MB).</param>
    public static async Task RunAsync(string description, long total, Func<long, string> format, Func<IProgress<long>, Task> work)
    {
        total = Math.Max(total, 1);
        var capabilities = AnsiConsole.Profile.Capabilities;
        if (capabilities is { Interactive: true, Ansi: true })
        {
            await AnsiConsole.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(),
                    new ElapsedTimeColumn(), new RemainingTimeColumn(), new SpinnerColumn())
                .StartAsync(async context =>
                {
                    var task = context.AddTask(Markup.Escape(description), maxValue: total);
                    await work(new Inline<long>(done => task.Value = done));
                    task.Value = total;
                });
            return;
        }

        Console.WriteLine($"{description}...");
        var clock = TimeProvider.System;
        var started = clock.GetTimestamp();
        var tenthsShown = 0;
        await work(new Inline<long>(done =>
        {
            var tenths = (int)(done * 10L / total);
            if (tenths <= tenthsShown)
                return;
            tenthsShown = tenths;
            var seconds = Math.Max(clock.GetElapsedTime(started).TotalSeconds, 0.001);
            var rate = done / seconds;
            var left = done < total ? $", about {Span(TimeSpan.FromSeconds((total - done) / rate))} left" : "";
            Console.WriteLine($"  {format(done)} of {format(total)} ({done * 100L / total}%), {format((long)rate)}/s{left}");
        }));
    }

    private static string Span(TimeSpan t) => t.TotalMinutes >= 1 ? $"{(int)t.TotalMinutes} min {t.Seconds} s" : $"{Math.Ceiling(t.TotalSeconds)} s";

    /// <summary>Reports on the caller's thread, in order: Progress&lt;T&gt; posts to the thread pool, so its reports can arrive late and out of order.</summary>
    private sealed class Inline<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
