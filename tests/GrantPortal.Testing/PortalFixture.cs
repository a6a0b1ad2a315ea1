using Xunit;

namespace GrantPortal.Testing;

/// <summary>A class fixture: the app over a fresh clone of the migrated database, shared by one test class.</summary>
public class PortalFixture : IAsyncLifetime
{
    private PortalAppFactory? _app;

    public PortalAppFactory App => _app ?? throw new InvalidOperationException("The fixture is not initialised.");

    protected virtual string Environment => "Testing";

    public async Task InitializeAsync() => _app = await PortalAppFactory.CreateAsync(Environment);

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }
}
