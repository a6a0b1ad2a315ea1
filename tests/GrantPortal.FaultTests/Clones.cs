using Npgsql;
using static GrantPortal.Web.Tests.Features.Applications.ApplicationForms;

namespace GrantPortal.FaultTests;

/// <summary>
/// Applications for the fault tests: one made and submitted through the pages, as an applicant does, then copied in SQL
/// (row for row, with its submitted version, documents, workflow instance, journal, bookmarks and timers) because
/// filling forms for every one of dozens would take most of the test's time and test nothing of interest here.
/// </summary>
public static class Clones
{
    public const string Applicant = "applicant1@grantportal.test";
    public const string Officer = "officer1@grantportal.test";

    public static async Task<Guid> SubmitTemplateAsync(AppProcess app)
    {
        using var applicant = await Http.SignedInAsync(app.BaseAddress, Applicant);
        var id = await CreateDraftAsync(applicant);
        await FillCompletelyAsync(applicant, id, grant: "4 000 000,00", coFinancing: "1 000 000,00");
        await ActAsync(applicant, id, "submit");
        Assert.Equal("Подана", await StateAsync(applicant, id));
        return id;
    }

    /// <summary>
    /// <paramref name="count"/> copies of the template; with <paramref name="state"/>, each copy's workflow and list copy
    /// are put straight into that state (its bookmarks and timers dropped, as the states after review have none).
    /// </summary>
    public static async Task<List<Guid>> CopyAsync(string connectionString, Guid template, int count, string? state = null)
    {
        var ids = Enumerable.Range(0, count).Select(_ => Guid.NewGuid()).ToList();
        await using var connection = new NpgsqlConnection(connectionString + ";Pooling=false");
        await connection.OpenAsync();
        await using var columns = new NpgsqlCommand(ApplicationColumnsSql, connection);
        var applicationColumns = (string)(await columns.ExecuteScalarAsync())!;
        await using var command = new NpgsqlCommand(CopySql.Replace("{0}", applicationColumns), connection);
        command.Parameters.AddWithValue("template", template);
        command.Parameters.AddWithValue("ids", ids.ToArray());
        command.Parameters.AddWithValue("state", (object?)state ?? DBNull.Value);
        await command.ExecuteNonQueryAsync();
        return ids;
    }

    /// <summary>
    /// The applications' columns a row may be given: generated ones (the lower-cased title) refuse any value.
    /// </summary>
    private const string ApplicationColumnsSql = """
        SELECT string_agg(quote_ident(column_name), ', ' ORDER BY ordinal_position)
        FROM information_schema.columns
        WHERE table_schema = current_schema() AND table_name = 'Applications' AND is_generated = 'NEVER'
        """;

    /// <summary>
    /// Copies rows column for column through jsonb (so the copy keeps up with new columns), replacing the keys.
    /// </summary>
    private const string CopySql = """
        WITH source_instance AS (
            SELECT * FROM "WorkflowInstances" WHERE "SubjectId" = @template::text
        ), pairs AS (
            SELECT id AS app, gen_random_uuid() AS instance FROM unnest(@ids::uuid[]) AS id
        ), apps AS (
            INSERT INTO "Applications" ({0})
            SELECT {0} FROM (
                SELECT (jsonb_populate_record(NULL::"Applications", to_jsonb(a) || jsonb_build_object(
                    'Id', p.app, 'Number', 'F-' || left(replace(p.app::text, '-', ''), 16), 'State', coalesce(@state::text, a."State")))).*
                FROM "Applications" a, pairs p WHERE a."Id" = @template) copy
            RETURNING "Id"
        ), versions AS (
            INSERT INTO "ApplicationVersions"
            SELECT (jsonb_populate_record(NULL::"ApplicationVersions", to_jsonb(v) || jsonb_build_object('Id', gen_random_uuid(), 'ApplicationId', p.app))).*
            FROM "ApplicationVersions" v, pairs p WHERE v."ApplicationId" = @template AND EXISTS (SELECT 1 FROM apps)
            RETURNING "Id"
        ), document_pairs AS (
            SELECT d.*, p.app, gen_random_uuid() AS copy FROM "ApplicationDocuments" d, pairs p WHERE d."ApplicationId" = @template
        ), documents AS (
            INSERT INTO "ApplicationDocuments"
            SELECT (jsonb_populate_record(NULL::"ApplicationDocuments", to_jsonb(d) - 'app' - 'copy' || jsonb_build_object('Id', d.copy, 'ApplicationId', d.app))).*
            FROM document_pairs d WHERE EXISTS (SELECT 1 FROM apps)
            RETURNING "Id"
        ), contents AS (
            INSERT INTO "ApplicationDocumentContents" ("DocumentId", "Content")
            SELECT d.copy, c."Content" FROM document_pairs d JOIN "ApplicationDocumentContents" c ON c."DocumentId" = d."Id"
            WHERE EXISTS (SELECT 1 FROM documents)
            RETURNING 1
        ), instances AS (
            INSERT INTO "WorkflowInstances"
            SELECT (jsonb_populate_record(NULL::"WorkflowInstances", to_jsonb(i) || jsonb_build_object(
                'Id', p.instance, 'SubjectId', p.app::text, 'State', coalesce(@state::text, i."State")))).*
            FROM source_instance i, pairs p WHERE EXISTS (SELECT 1 FROM apps)
            RETURNING "Id"
        ), journal AS (
            INSERT INTO "WorkflowJournal"
            SELECT (jsonb_populate_record(NULL::"WorkflowJournal", to_jsonb(j) || jsonb_build_object(
                'Id', nextval(pg_get_serial_sequence('"WorkflowJournal"', 'Id')), 'InstanceId', p.instance))).*
            FROM "WorkflowJournal" j, source_instance i, pairs p WHERE j."InstanceId" = i."Id" AND EXISTS (SELECT 1 FROM instances)
            RETURNING 1
        ), bookmarks AS (
            INSERT INTO "WorkflowBookmarks"
            SELECT (jsonb_populate_record(NULL::"WorkflowBookmarks", to_jsonb(b) || jsonb_build_object('Id', gen_random_uuid(), 'InstanceId', p.instance))).*
            FROM "WorkflowBookmarks" b, source_instance i, pairs p
            WHERE b."InstanceId" = i."Id" AND @state::text IS NULL AND EXISTS (SELECT 1 FROM instances)
            RETURNING 1
        )
        INSERT INTO "WorkflowTimers"
        SELECT (jsonb_populate_record(NULL::"WorkflowTimers", to_jsonb(t) || jsonb_build_object('Id', gen_random_uuid(), 'InstanceId', p.instance))).*
        FROM "WorkflowTimers" t, source_instance i, pairs p
        WHERE t."InstanceId" = i."Id" AND @state::text IS NULL AND EXISTS (SELECT 1 FROM instances);
        """;
}
