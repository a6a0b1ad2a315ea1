namespace GrantPortal.Web.Domain;

/// <summary>
/// An amount of roubles in Russian words, as decisions and contracts write it beside the figures:
/// "сто миллионов рублей 00 копеек". Kopecks stay in two digits, as the convention has it.
/// </summary>
/// <remarks>
/// Lower case: a document that starts a sentence with the amount capitalises it itself.
/// </remarks>
public static class RoublesInWords
{
    /// <summary>The largest amount written: just under a trillion (триллион) roubles.</summary>
    public const decimal Max = 999_999_999_999.99m;

    private static readonly string[] Hundreds =
        ["", "сто", "двести", "триста", "четыреста", "пятьсот", "шестьсот", "семьсот", "восемьсот", "девятьсот"];

    private static readonly string[] Tens =
        ["", "", "двадцать", "тридцать", "сорок", "пятьдесят", "шестьдесят", "семьдесят", "восемьдесят", "девяносто"];

    private static readonly string[] Teens =
        ["десять", "одиннадцать", "двенадцать", "тринадцать", "четырнадцать", "пятнадцать", "шестнадцать", "семнадцать", "восемнадцать", "девятнадцать"];

    private static readonly string[] Masculine = ["", "один", "два", "три", "четыре", "пять", "шесть", "семь", "восемь", "девять"];

    // Тысяча is feminine: одна тысяча, две тысячи; рубль, миллион and миллиард are masculine.
    private static readonly string[] Feminine = ["", "одна", "две", "три", "четыре", "пять", "шесть", "семь", "восемь", "девять"];

    private static readonly Noun Rouble = new("рубль", "рубля", "рублей");
    private static readonly Noun Kopeck = new("копейка", "копейки", "копеек");

    private static readonly (long Size, bool IsFeminine, Noun Name)[] Scales =
    [
        (1_000_000_000, false, new Noun("миллиард", "миллиарда", "миллиардов")),
        (1_000_000, false, new Noun("миллион", "миллиона", "миллионов")),
        (1_000, true, new Noun("тысяча", "тысячи", "тысяч")),
    ];

    /// <exception cref="ArgumentOutOfRangeException">
    /// The amount is negative, has fractions of a kopeck or is above <see cref="Max"/>.
    /// </exception>
    public static string Of(decimal amount)
    {
        if (amount < 0 || amount > Max)
        {
            throw new ArgumentOutOfRangeException(nameof(amount), amount, $"Only amounts from 0 to {Max} roubles are written in words.");
        }

        if (decimal.Round(amount, 2) != amount)
        {
            throw new ArgumentOutOfRangeException(nameof(amount), amount, "An amount of money is whole kopecks.");
        }

        var kopecks = (long)(amount * 100);
        var roubles = kopecks / 100;
        var words = new List<string>();
        foreach (var (size, isFeminine, name) in Scales)
        {
            var group = (int)(roubles / size % 1000);
            if (group > 0)
            {
                AddHundreds(words, group, isFeminine);
                words.Add(name.For(group));
            }
        }

        var units = (int)(roubles % 1000);
        if (units > 0)
        {
            AddHundreds(words, units, isFeminine: false);
        }

        if (roubles == 0)
        {
            words.Add("ноль");
        }

        words.Add(Rouble.For(roubles));
        var rest = (int)(kopecks % 100);
        words.Add($"{rest:00}");
        words.Add(Kopeck.For(rest));
        return string.Join(' ', words);
    }

    /// <param name="number">1..999.</param>
    private static void AddHundreds(List<string> words, int number, bool isFeminine)
    {
        var (hundreds, tens, units) = (number / 100, number / 10 % 10, number % 10);
        if (hundreds > 0)
        {
            words.Add(Hundreds[hundreds]);
        }

        if (tens == 1)
        {
            words.Add(Teens[units]);
            return;
        }

        if (tens > 1)
        {
            words.Add(Tens[tens]);
        }

        if (units > 0)
        {
            words.Add((isFeminine ? Feminine : Masculine)[units]);
        }
    }

    /// <summary>A noun's three forms after a number: один рубль, два рубля, пять рублей.</summary>
    private sealed record Noun(string One, string Few, string Many)
    {
        public string For(long number) => (number % 100, number % 10) switch
        {
            ( >= 11 and <= 14, _) => Many,
            (_, 1) => One,
            (_, >= 2 and <= 4) => Few,
            _ => Many,
        };
    }
}
