using ZhiPingQuan.Domain.Auditing;
using ZhiPingQuan.Web.Infrastructure;

namespace ZhiPingQuan.Web.Features.Audit;

/// <summary>
/// The filters of the audit log, bound from the query string so that a page, its pager and its export describe the
/// same lines. The action filter is named <see cref="Operation"/>: "action" is MVC's own route value.
/// </summary>
public sealed class AuditFilter
{
    /// <summary>Part of the user's, the organisation's or the record type's name, of the action's Chinese name, or of the detail.</summary>
    public string? Q { get; set; }

    /// <summary>One action of the catalogue.</summary>
    public AuditAction? Operation { get; set; }

    public DateOnly? From { get; set; }
    public DateOnly? To { get; set; }
    public int Page { get; set; } = 1;
}

/// <summary>One line of the log as the page shows it: names in Chinese, the record's id shortened (in full on demand).</summary>
public sealed record AuditRow(
    DateTime AtUtc,
    string UserName,
    string OrganisationName,
    string Action,
    string RecordType,
    Guid? RecordId,
    string? Before,
    string? After,
    string? Detail,
    string? RemoteAddress)
{
    /// <summary>The first 8 characters of the record's id: enough to tell records apart on one page.</summary>
    public string? ShortRecordId => RecordId?.ToString()[..8];
}

public sealed class AuditPageModel
{
    public required AuditFilter Filter { get; init; }
    public required PagedList<AuditRow> Entries { get; init; }

    /// <summary>The catalogue, in its order, by Chinese name: the choices of the action filter.</summary>
    public static IReadOnlyList<(AuditAction Action, string Name)> Operations { get; } =
        Enum.GetValues<AuditAction>().Select(a => (a, a.ToChinese())).ToList();
}

/// <summary>The exported log as it is downloaded.</summary>
public sealed record AuditWorkbook(byte[] Content, string FileName);
