using System.Globalization;

namespace GrantPortal.Web.Infrastructure.Localization;

/// <summary>How money and time are shown: roubles with kopecks, Moscow time.</summary>
public static class Formats
{
    private static readonly TimeZoneInfo Moscow = FindMoscow();

    // Russian style "100 000 000,00 ₽" with no-break spaces, so an amount never wraps across lines.
    private static readonly NumberFormatInfo RussianMoney = new()
    {
        NumberGroupSeparator = "\u00A0",
        NumberDecimalSeparator = ",",
        NumberGroupSizes = [3],
    };

    public static string Roubles(decimal amount) =>
        IsRussian ? $"{amount.ToString("N2", RussianMoney)}\u00A0₽" : $"{amount.ToString("N2", CultureInfo.InvariantCulture)}\u00A0₽";

    /// <summary>A UTC instant as Moscow time, e.g. "05.12.2026 18:00 МСК" (or "05.12.2026 18:00:15 МСК" with seconds).</summary>
    public static string MoscowTime(DateTime utc, bool seconds = false) =>
        $"{ToMoscow(utc).ToString(seconds ? "dd.MM.yyyy HH:mm:ss" : "dd.MM.yyyy HH:mm", CultureInfo.InvariantCulture)} {(IsRussian ? "МСК" : "MSK")}";

    /// <summary>A length of time in days, hours and minutes, e.g. "1 дн. 12 ч".</summary>
    public static string Duration(TimeSpan duration)
    {
        var (days, hours, minutes) = IsRussian ? ("дн.", "ч", "мин") : ("d", "h", "min");
        var parts = new List<string>();
        if (duration.Days != 0)
        {
            parts.Add($"{duration.Days} {days}");
        }

        if (duration.Hours != 0)
        {
            parts.Add($"{duration.Hours} {hours}");
        }

        if (duration.Minutes != 0 || parts.Count == 0)
        {
            parts.Add($"{duration.Minutes} {minutes}");
        }

        return string.Join(' ', parts);
    }

    public static DateTime ToMoscow(DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Moscow);

    /// <summary>A Moscow wall-clock time (as entered in a form) as UTC.</summary>
    /// <exception cref="ArgumentException">The time did not exist in Moscow (a daylight-saving gap before 2011).</exception>
    public static DateTime FromMoscow(DateTime moscow) =>
        TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(moscow, DateTimeKind.Unspecified), Moscow);

    /// <summary>A number as a form shows it for editing: the current culture's decimal separator, no grouping.</summary>
    public static string InputNumber(decimal value, string format = "0.##") => value.ToString(format, CultureInfo.CurrentCulture);

    /// <summary>
    /// Reads a number typed by a person in either language: a comma or a point before the fraction, spaces (also
    /// no-break ones) between thousands. Other grouping marks are refused rather than guessed: "1,000" could be one
    /// or a thousand.
    /// </summary>
    public static NumberInput ParseNumber(string? text, int maxDecimals, out decimal value)
    {
        value = 0;
        if (string.IsNullOrWhiteSpace(text))
        {
            return NumberInput.Empty;
        }

        var compact = string.Concat(text.Where(c => !char.IsWhiteSpace(c) && c != '\u00A0' && c != '\u202F')).Replace(',', '.');
        var point = compact.IndexOf('.');
        if (compact.Count(c => c == '.') > 1 || compact.Length > 40
            || !decimal.TryParse(compact, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value))
        {
            return NumberInput.NotANumber;
        }

        return point >= 0 && compact.Length - point - 1 > maxDecimals ? NumberInput.TooManyDecimals : NumberInput.Valid;
    }

    private static bool IsRussian => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "ru";

    private static TimeZoneInfo FindMoscow()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Europe/Moscow");
        }
        catch (TimeZoneNotFoundException)
        {
            // Moscow has kept UTC+3 without daylight saving since 2014; a machine without tzdata still shows it right.
            return TimeZoneInfo.CreateCustomTimeZone("Europe/Moscow", TimeSpan.FromHours(3), "Moscow", "Moscow");
        }
    }
}

public enum NumberInput
{
    Valid,
    Empty,
    NotANumber,
    TooManyDecimals,
}
