using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace GrantPortal.Testing;

/// <summary>Reads pages and submits their forms the way a browser would, anti-forgery token included.</summary>
public static class HtmlForms
{
    private static readonly HtmlParser Parser = new();

    public static async Task<IHtmlDocument> GetDocumentAsync(this HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        var html = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"GET {url} answered {(int)response.StatusCode}: {html[..Math.Min(html.Length, 500)]}");
        }

        return await ParseAsync(html);
    }

    public static async Task<IHtmlDocument> ParseAsync(this HttpResponseMessage response) =>
        await ParseAsync(await response.Content.ReadAsStringAsync());

    public static Task<IHtmlDocument> ParseAsync(string html) => Parser.ParseDocumentAsync(html);

    /// <summary>Loads <paramref name="url"/>, fills the form matched by <paramref name="formSelector"/> and posts it.</summary>
    public static async Task<HttpResponseMessage> SubmitFormAsync(
        this HttpClient client, string url, IEnumerable<KeyValuePair<string, string>> fields, string formSelector = "main form")
    {
        var page = await client.GetDocumentAsync(url);
        return await client.SubmitFormAsync(page, fields, formSelector, url);
    }

    public static async Task<HttpResponseMessage> SubmitFormAsync(
        this HttpClient client, IHtmlDocument page, IEnumerable<KeyValuePair<string, string>> fields, string formSelector, string pageUrl)
    {
        var form = page.QuerySelector(formSelector) as IHtmlFormElement
            ?? throw new InvalidOperationException($"No form '{formSelector}' on {pageUrl}");
        // A field given here replaces the form's own; a name given more than once sends each value (checkboxes).
        var given = fields.Select(f => f.Key).ToHashSet();
        var values = new List<KeyValuePair<string, string>>();
        foreach (var input in form.QuerySelectorAll("input[name], textarea[name], select[name]"))
        {
            var name = input.GetAttribute("name")!;
            if (given.Contains(name) || input.HasAttribute("disabled") || input.Closest("fieldset[disabled]") is not null)
            {
                continue;
            }

            if (input is IHtmlInputElement { Type: "checkbox" or "radio" } box)
            {
                if (box.IsChecked)
                {
                    values.Add(new(name, box.Value));
                }
            }
            else if (input is IHtmlInputElement { Type: not "submit" } text)
            {
                values.Add(new(name, text.Value));
            }
            else if (input is IHtmlTextAreaElement area)
            {
                values.Add(new(name, area.Value));
            }
            else if (input is IHtmlSelectElement select)
            {
                values.Add(new(name, select.Value ?? ""));
            }
        }

        values.AddRange(fields);
        var action = form.GetAttribute("action") is { Length: > 0 } a ? a : pageUrl;
        return await client.PostAsync(action, new FormUrlEncodedContent(values));
    }
}
