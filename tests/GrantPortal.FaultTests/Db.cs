using Npgsql;

namespace GrantPortal.FaultTests;

/// <summary>Plain SQL for the checks, on connections of its own (never the app's), waiting on conditions rather than sleeping.</summary>
public static class Db
{
    /// <remarks>Pooled, so that polling costs a query rather than a log-in: a poll must see progress within a few milliseconds.</remarks>
    public static async Task<List<object?[]>> RowsAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString + ";Include Error Detail=true");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<object?[]>();
        while (await reader.ReadAsync())
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }

            rows.Add(row);
        }

        return rows;
    }

    public static async Task<long> CountAsync(string connectionString, string sql) =>
        Convert.ToInt64((await RowsAsync(connectionString, sql))[0][0]);

    /// <summary>Polls <paramref name="sql"/> (a count) until it reaches <paramref name="target"/>; the last count either way.</summary>
    public static async Task<long> WaitForCountAsync(string connectionString, string sql, long target, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            long count;
            try
            {
                count = await CountAsync(connectionString, sql);
            }
            catch (NpgsqlException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(200); // the server is being restarted
                continue;
            }

            if (count >= target || DateTime.UtcNow > deadline)
            {
                return count;
            }

            await Task.Delay(50);
        }
    }

    /// <summary>In-list of ids for SQL built by the tests (Guids only, so nothing to escape).</summary>
    public static string List(IEnumerable<Guid> ids) => string.Join(", ", ids.Select(i => $"'{i}'"));
}
