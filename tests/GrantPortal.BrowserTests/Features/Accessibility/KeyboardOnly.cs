using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace GrantPortal.BrowserTests.Features.Accessibility;

/// <summary>
/// A person at the keyboard: keys and typing only. After each key it notes whether the element with the focus shows
/// it (an outline or a box shadow, as Bootstrap's focus rings are), so a test can assert the focus was always visible.
/// </summary>
internal sealed class KeyboardOnly(IPage page)
{
    // The element with the focus when it draws no focus indicator; null when it does or nothing (the body) has the focus.
    private const string Focus = """
        () => {
            const e = document.activeElement;
            if (!e || e === document.body) return null;
            const s = getComputedStyle(e);
            const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0;
            const shadow = s.boxShadow !== 'none';
            if (outline || shadow || e.id === 'main') return null;
            return e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.name ? `[name="${e.name}"]` : '')
                + ` "${(e.textContent || '').trim().slice(0, 40)}"`;
        }
        """;

    private readonly List<string> _unseen = [];

    public async Task PressAsync(string key)
    {
        await page.Keyboard.PressAsync(key);
        await NoteFocusAsync();
    }

    public Task TypeAsync(string text) => page.Keyboard.TypeAsync(text);

    /// <summary>Presses Tab until the focused element matches <paramref name="selector"/>.</summary>
    public async Task TabToAsync(string selector, int maxStops = 60)
    {
        var target = page.Locator(selector).First;
        for (var stop = 0; stop < maxStops; stop++)
        {
            await PressAsync("Tab");
            if (await target.EvaluateAsync<bool>("e => e === document.activeElement"))
            {
                return;
            }
        }

        throw new InvalidOperationException($"{maxStops} presses of Tab never reached {selector} on {page.Url}");
    }

    /// <summary>The login form by keyboard: Tab to the e-mail, type, Tab to the password, type, Enter.</summary>
    public async Task SignInAsync(string email)
    {
        await page.GotoAsync("/account/login");
        await TabToAsync("#Email");
        await TypeAsync(email);
        await PressAsync("Tab");
        await Expect(page.Locator("#Password")).ToBeFocusedAsync();
        await TypeAsync(GrantPortal.Web.Features.Demo.DemoData.Password);
        await PressAsync("Enter");
        await Expect(page.Locator("#account-menu")).ToBeVisibleAsync();
    }

    public void AssertFocusAlwaysShown() =>
        Assert.True(_unseen.Count == 0, $"The focus was not visible on: {string.Join("; ", _unseen.Distinct())}");

    private async Task NoteFocusAsync()
    {
        // Bootstrap's focus ring fades in over 0.15 s; the computed shadow exists from the start, so no wait is needed.
        string? unseen;
        try
        {
            unseen = await page.EvaluateAsync<string?>(Focus);
        }
        catch (PlaywrightException e) when (e.Message.Contains("context was destroyed", StringComparison.Ordinal))
        {
            return; // the key sent a form or followed a link: the next page starts with no focus
        }

        if (unseen is not null)
        {
            _unseen.Add($"{unseen} on {new Uri(page.Url).AbsolutePath}");
        }
    }
}
