namespace GrantPortal.Web;

/// <summary>
/// Marker for the one resource set of the UI: Resources/SharedResource.ru.resx. Keys are the English text, so
/// English needs no resource file and a missing Russian text shows up as English rather than as a key.
/// </summary>
public sealed class SharedResource;
