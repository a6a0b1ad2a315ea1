using Xunit;

namespace GrantPortal.Testing;

/// <summary>A class fixture: the app over a fresh clone of the migrated database, shared by one test class.</summary>
public class PortalFixture : IAsyncLifetime
{
    private PortalAppFactory? _app;

    public PortalAppFactory App => _app ?? throw new InvalidOperationException("The fixture is not initialised.");

    protected virtual string Environment => "Testing";

    /// <summary>Configuration the test class needs on top of the defaults, e.g. small upload limits.</summary>
    protected virtual IReadOnlyDictionary<string, string>? Settings => null;

    public async Task InitializeAsync() => _app = await PortalAppFactory.CreateAsync(Environment, Settings);

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }
}
