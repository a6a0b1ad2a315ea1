using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;

namespace GrantPortal.Web.Domain;

/// <summary>A subject of the Russian Federation.</summary>
/// <param name="Code">The two-digit region code of the tax authority: the first two digits of an INN or KPP.</param>
public sealed record RussianRegion(string Code, string NameRu, string NameEn)
{
    public string Name(string culture) => culture == "en" ? NameEn : NameRu;
}

/// <summary>
/// The 89 subjects of the Russian Federation listed in article 65 of the Constitution: 24 republics, 9 krais,
/// 48 oblasts, 3 federal cities, 1 autonomous oblast and 4 autonomous okrugs.
/// </summary>
/// <remarks>
/// Codes are those of the tax authority (ФНС), the same as the first two digits of an INN, so a company's region
/// can be checked against its INN. They match the vehicle registration codes for all but the four subjects admitted
/// in 2022, whose tax codes are 90, 93, 94 and 95 (their vehicle codes are 85, 80, 81 and 84). Russian names are
/// those of the Constitution, except that the federal cities carry "г." as in tax and address registers.
/// </remarks>
public static class RussianRegions
{
    public static IReadOnlyList<RussianRegion> All { get; } =
    [
        new("01", "Республика Адыгея (Адыгея)", "Republic of Adygea"),
        new("02", "Республика Башкортостан", "Republic of Bashkortostan"),
        new("03", "Республика Бурятия", "Republic of Buryatia"),
        new("04", "Республика Алтай", "Altai Republic"),
        new("05", "Республика Дагестан", "Republic of Dagestan"),
        new("06", "Республика Ингушетия", "Republic of Ingushetia"),
        new("07", "Кабардино-Балкарская Республика", "Kabardino-Balkarian Republic"),
        new("08", "Республика Калмыкия", "Republic of Kalmykia"),
        new("09", "Карачаево-Черкесская Республика", "Karachay-Cherkess Republic"),
        new("10", "Республика Карелия", "Republic of Karelia"),
        new("11", "Республика Коми", "Komi Republic"),
        new("12", "Республика Марий Эл", "Mari El Republic"),
        new("13", "Республика Мордовия", "Republic of Mordovia"),
        new("14", "Республика Саха (Якутия)", "Republic of Sakha (Yakutia)"),
        new("15", "Республика Северная Осетия — Алания", "Republic of North Ossetia – Alania"),
        new("16", "Республика Татарстан (Татарстан)", "Republic of Tatarstan"),
        new("17", "Республика Тыва", "Tuva Republic"),
        new("18", "Удмуртская Республика", "Udmurt Republic"),
        new("19", "Республика Хакасия", "Republic of Khakassia"),
        new("20", "Чеченская Республика", "Chechen Republic"),
        new("21", "Чувашская Республика — Чувашия", "Chuvash Republic"),
        new("22", "Алтайский край", "Altai Krai"),
        new("23", "Краснодарский край", "Krasnodar Krai"),
        new("24", "Красноярский край", "Krasnoyarsk Krai"),
        new("25", "Приморский край", "Primorsky Krai"),
        new("26", "Ставропольский край", "Stavropol Krai"),
        new("27", "Хабаровский край", "Khabarovsk Krai"),
        new("28", "Амурская область", "Amur Oblast"),
        new("29", "Архангельская область", "Arkhangelsk Oblast"),
        new("30", "Астраханская область", "Astrakhan Oblast"),
        new("31", "Белгородская область", "Belgorod Oblast"),
        new("32", "Брянская область", "Bryansk Oblast"),
        new("33", "Владимирская область", "Vladimir Oblast"),
        new("34", "Волгоградская область", "Volgograd Oblast"),
        new("35", "Вологодская область", "Vologda Oblast"),
        new("36", "Воронежская область", "Voronezh Oblast"),
        new("37", "Ивановская область", "Ivanovo Oblast"),
        new("38", "Иркутская область", "Irkutsk Oblast"),
        new("39", "Калининградская область", "Kaliningrad Oblast"),
        new("40", "Калужская область", "Kaluga Oblast"),
        new("41", "Камчатский край", "Kamchatka Krai"),
        new("42", "Кемеровская область — Кузбасс", "Kemerovo Oblast – Kuzbass"),
        new("43", "Кировская область", "Kirov Oblast"),
        new("44", "Костромская область", "Kostroma Oblast"),
        new("45", "Курганская область", "Kurgan Oblast"),
        new("46", "Курская область", "Kursk Oblast"),
        new("47", "Ленинградская область", "Leningrad Oblast"),
        new("48", "Липецкая область", "Lipetsk Oblast"),
        new("49", "Магаданская область", "Magadan Oblast"),
        new("50", "Московская область", "Moscow Oblast"),
        new("51", "Мурманская область", "Murmansk Oblast"),
        new("52", "Нижегородская область", "Nizhny Novgorod Oblast"),
        new("53", "Новгородская область", "Novgorod Oblast"),
        new("54", "Новосибирская область", "Novosibirsk Oblast"),
        new("55", "Омская область", "Omsk Oblast"),
        new("56", "Оренбургская область", "Orenburg Oblast"),
        new("57", "Орловская область", "Oryol Oblast"),
        new("58", "Пензенская область", "Penza Oblast"),
        new("59", "Пермский край", "Perm Krai"),
        new("60", "Псковская область", "Pskov Oblast"),
        new("61", "Ростовская область", "Rostov Oblast"),
        new("62", "Рязанская область", "Ryazan Oblast"),
        new("63", "Самарская область", "Samara Oblast"),
        new("64", "Саратовская область", "Saratov Oblast"),
        new("65", "Сахалинская область", "Sakhalin Oblast"),
        new("66", "Свердловская область", "Sverdlovsk Oblast"),
        new("67", "Смоленская область", "Smolensk Oblast"),
        new("68", "Тамбовская область", "Tambov Oblast"),
        new("69", "Тверская область", "Tver Oblast"),
        new("70", "Томская область", "Tomsk Oblast"),
        new("71", "Тульская область", "Tula Oblast"),
        new("72", "Тюменская область", "Tyumen Oblast"),
        new("73", "Ульяновская область", "Ulyanovsk Oblast"),
        new("74", "Челябинская область", "Chelyabinsk Oblast"),
        new("75", "Забайкальский край", "Zabaykalsky Krai"),
        new("76", "Ярославская область", "Yaroslavl Oblast"),
        new("77", "г. Москва", "Moscow"),
        new("78", "г. Санкт-Петербург", "Saint Petersburg"),
        new("79", "Еврейская автономная область", "Jewish Autonomous Oblast"),
        new("83", "Ненецкий автономный округ", "Nenets Autonomous Okrug"),
        new("86", "Ханты-Мансийский автономный округ — Югра", "Khanty-Mansi Autonomous Okrug – Yugra"),
        new("87", "Чукотский автономный округ", "Chukotka Autonomous Okrug"),
        new("89", "Ямало-Ненецкий автономный округ", "Yamalo-Nenets Autonomous Okrug"),
        new("90", "Запорожская область", "Zaporozhye Oblast"),
        new("91", "Республика Крым", "Republic of Crimea"),
        new("92", "г. Севастополь", "Sevastopol"),
        new("93", "Донецкая Народная Республика", "Donetsk People's Republic"),
        new("94", "Луганская Народная Республика", "Luhansk People's Republic"),
        new("95", "Херсонская область", "Kherson Oblast"),
    ];

    private static readonly FrozenDictionary<string, RussianRegion> ByCode = All.ToFrozenDictionary(r => r.Code);

    /// <returns>The region with this two-digit code ("77"), or null if there is none.</returns>
    public static RussianRegion? Find(string? code) => code is null ? null : ByCode.GetValueOrDefault(code.Trim());

    public static bool IsKnownCode([NotNullWhen(true)] string? code) => Find(code) is not null;
}
