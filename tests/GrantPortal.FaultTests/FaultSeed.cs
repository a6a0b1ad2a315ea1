using Xunit.Abstractions;

namespace GrantPortal.FaultTests;

/// <summary>The randomness of a fault test: printed, and fixed by FAULT_SEED to replay a failed run.</summary>
public static class FaultSeed
{
    public static Random Create(ITestOutputHelper output, string test)
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("FAULT_SEED"), out var given) ? given : Random.Shared.Next();
        output.WriteLine($"{test}: seed {seed} (FAULT_SEED={seed} replays it)");
        return new Random(seed);
    }
}
