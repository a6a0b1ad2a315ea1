using System.Globalization;
using System.Runtime.InteropServices;
using GrantPortal.Benchmarks.ApplicationList;
using GrantPortal.Benchmarks.Load;
using GrantPortal.Benchmarks.Pdf;
using GrantPortal.Benchmarks.Workflow;

const string Usage = "usage: workflow [--transitions N] [--clients C] [--finished M] [--show-sql] [--npgsql \"Key=Value;...\"]\n"
    + $"   or: {ApplicationListOptions.Usage}\n"
    + $"   or: {LoadOptions.Usage}\n"
    + "   or: pdf [--count N]";

if (args is ["pdf", .. var pdfArguments])
{
    var count = pdfArguments switch
    {
        [] => 200,
        ["--count", var text] when int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 1 => n,
        _ => 0,
    };
    if (count == 0)
    {
        Console.Error.WriteLine(Usage);
        return 2;
    }

    PdfBenchmark.Run(count);
    return 0;
}

if (args is ["application-list", .. var listArguments])
{
    var listOptions = ApplicationListOptions.Parse(listArguments);
    return await RunCancellableAsync(cancellationToken => ApplicationListBenchmark.RunAsync(listOptions, cancellationToken));
}

if (args is ["load", .. var loadArguments])
{
    var loadOptions = LoadOptions.Parse(loadArguments);
    return await RunCancellableAsync(cancellationToken => LoadBenchmark.RunAsync(loadOptions, cancellationToken));
}

if (args is not ["workflow", .. var rest])
{
    Console.Error.WriteLine(Usage);
    return 2;
}

var options = new WorkflowBenchmarkOptions();
for (var i = 0; i < rest.Length; i++)
{
    int Number() => i + 1 < rest.Length && int.TryParse(rest[++i], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
        ? n
        : throw new ArgumentException($"{rest[i]} needs a positive whole number. {Usage}");
    options = rest[i] switch
    {
        "--transitions" => options with { Transitions = Number() },
        "--clients" => options with { Clients = Number() },
        "--finished" => options with { Finished = Number() },
        "--show-sql" => options with { ShowSql = true },
        "--npgsql" when i + 1 < rest.Length => options with { NpgsqlSettings = rest[++i] },
        _ => throw new ArgumentException($"Unknown option {rest[i]}. {Usage}"),
    };
}

return await RunCancellableAsync(cancellationToken => WorkflowBenchmark.RunAsync(options, cancellationToken));

static async Task<int> RunCancellableAsync(Func<CancellationToken, Task> run)
{
    // Ctrl+C (SIGINT) and SIGTERM cancel the run instead of ending the process, so the throw-away cluster is stopped
    // and deleted.
    using var cancellation = new CancellationTokenSource();
    void Cancel(PosixSignalContext context)
    {
        context.Cancel = true;
        cancellation.Cancel();
    }

    using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Cancel);
    using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Cancel);

    try
    {
        await run(cancellation.Token);
        return 0;
    }
    catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
    {
        Console.Error.WriteLine("Cancelled.");
        return 130;
    }
}
