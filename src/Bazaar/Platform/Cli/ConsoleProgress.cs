using Spectre.Console;

namespace Bazaar.Platform.Cli;

/// <summary>
/// Progress of a long command. On a terminal: Spectre.Console's live bar. Anywhere else (a CI log,
/// a file, a pipe) Spectre would fall back to its own milestone lines; a line every tenth of the
/// way with the rate and time left says more and never redraws, so a log stays short.
/// </summary>
internal static class ConsoleProgress
{
    public static async Task RunAsync(string description, int total, Func<IProgress<int>, Task> work)
    {
        var capabilities = AnsiConsole.Profile.Capabilities;
        if (capabilities is { Interactive: true, Ansi: true })
        {
            await AnsiConsole.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(),
                    new ElapsedTimeColumn(), new RemainingTimeColumn(), new SpinnerColumn())
                .StartAsync(async context =>
                {
                    var task = context.AddTask(Markup.Escape(description), maxValue: total);
                    await work(new Inline(done => task.Value = done));
                    task.Value = total;
                });
            return;
        }

        Console.WriteLine($"{description}...");
        var clock = TimeProvider.System;
        var started = clock.GetTimestamp();
        var tenthsShown = 0;
        await work(new Inline(done =>
        {
            var tenths = (int)(done * 10L / total);
            if (tenths <= tenthsShown)
                return;
            tenthsShown = tenths;
            var seconds = Math.Max(clock.GetElapsedTime(started).TotalSeconds, 0.001);
            var rate = done / seconds;
            var left = done < total ? $", about {Span(TimeSpan.FromSeconds((total - done) / rate))} left" : "";
            Console.WriteLine($"  {done:N0} of {total:N0} ({done * 100L / total}%), {rate:N0}/s{left}");
        }));
    }

    private static string Span(TimeSpan t) => t.TotalMinutes >= 1 ? $"{(int)t.TotalMinutes} min {t.Seconds} s" : $"{Math.Ceiling(t.TotalSeconds)} s";

    /// <summary>Reports on the caller's thread, in order: Progress&lt;T&gt; posts to the thread pool, so its reports can arrive late and out of order.</summary>
    private sealed class Inline(Action<int> report) : IProgress<int>
    {
        public void Report(int value) => report(value);
    }
}
