using System.Collections.Concurrent;
using System.Diagnostics;

namespace GrantPortal.Testing;

/// <param name="Text">The SQL, as Npgsql sent it (a batch is one command).</param>
public sealed record DatabaseCommand(string Text, TimeSpan Duration);

/// <param name="Commands">What the app sent to the database while answering, in the order they finished.</param>
public sealed record LoggedRequest(string Body, IReadOnlyList<DatabaseCommand> Commands);

/// <summary>
/// The database commands the app sends for one request, from Npgsql's activities. Each request carries a trace of its
/// own (the traceparent header); the app's request activity and the commands' activities belong to it, while the
/// background jobs and other tests running meanwhile in the same process have traces of their own.
/// </summary>
public sealed class DatabaseCommandLog : IDisposable
{
    private readonly ConcurrentDictionary<ActivityTraceId, ConcurrentQueue<DatabaseCommand>> _commands = new();
    private readonly ActivityListener _listener;

    public DatabaseCommandLog()
    {
        _listener = new ActivityListener
        {
            // Listening to the hosting's source makes the app start an activity for each request, in the request's trace.
            ShouldListenTo = source => source.Name is "Npgsql" or "Microsoft.AspNetCore",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStopped = activity =>
            {
                if (activity.Source.Name == "Npgsql")
                {
                    var text = activity.GetTagItem("db.query.text") ?? activity.GetTagItem("db.statement") ?? activity.DisplayName;
                    _commands.GetOrAdd(activity.TraceId, _ => new()).Enqueue(new DatabaseCommand($"{text}", activity.Duration));
                }
            },
        };
        ActivitySource.AddActivityListener(_listener);
    }

    /// <summary>GETs a page and reads it whole, with the commands the app sent for it.</summary>
    /// <exception cref="InvalidOperationException">The page did not answer 2xx.</exception>
    public async Task<LoggedRequest> GetAsync(HttpClient client, string url, CancellationToken cancellationToken = default)
    {
        var trace = ActivityTraceId.CreateRandom();
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add("traceparent", $"00-{trace}-{ActivitySpanId.CreateRandom()}-01");
        using var response = await client.SendAsync(request, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"GET {url} answered {(int)response.StatusCode}");
        }

        return new LoggedRequest(body, _commands.TryRemove(trace, out var commands) ? [.. commands] : []);
    }

    public void Dispose() => _listener.Dispose();
}
