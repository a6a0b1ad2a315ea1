namespace GrantPortal.Web.Domain;

/// <summary>The file formats the agency accepts, recognised by their content, never by their name.</summary>
public enum DocumentKind
{
    Pdf,
    Docx,
    Xlsx,
    Png,
    Jpeg,
}

/// <summary>
/// A file attached to an application. Never changed once stored: a new file is a new document. Removing a document
/// that a submitted version lists only marks it removed, so that version still shows exactly what was submitted.
/// The bytes live apart (ApplicationDocumentContents) so lists never load them.
/// </summary>
public sealed class ApplicationDocument
{
    /// <summary>The type code for a document that is not one of the call's required documents.</summary>
    public const string OtherType = "other";

    public Guid Id { get; set; }

    public Guid ApplicationId { get; set; }

    /// <summary>The code of one of the call's required documents, or <see cref="OtherType"/>.</summary>
    public string TypeCode { get; set; } = OtherType;

    /// <summary>The name the applicant's file had, made safe to show and to offer for download.</summary>
    public string FileName { get; set; } = "";

    public DocumentKind Kind { get; set; }

    public long Size { get; set; }

    /// <summary>SHA-256 of the bytes, lower-case hex.</summary>
    public string Sha256 { get; set; } = "";

    public DateTime UploadedAt { get; set; }

    public Guid UploadedById { get; set; }

    public DateTime? RemovedAt { get; set; }

    public DocumentRef ToRef() => new() { Id = Id, TypeCode = TypeCode, FileName = FileName, Size = Size, Sha256 = Sha256 };
}

/// <summary>A document as a submitted version lists it.</summary>
public sealed record DocumentRef
{
    public Guid Id { get; init; }

    public string TypeCode { get; init; } = "";

    public string FileName { get; init; } = "";

    public long Size { get; init; }

    public string Sha256 { get; init; } = "";
}

/// <summary>A document's bytes. Written and read as streams (see Features/Documents), never loaded by lists.</summary>
public sealed class ApplicationDocumentContent
{
    public Guid DocumentId { get; set; }

    public byte[] Content { get; set; } = [];
}
