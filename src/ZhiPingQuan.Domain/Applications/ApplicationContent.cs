using System.Globalization;
using System.Text.Json;
using ZhiPingQuan.Domain.Recommendations;
using ZhiPingQuan.Domain.Reference;

namespace ZhiPingQuan.Domain.Applications;

/// <summary>One evidence item as it stood at a submission.</summary>
public sealed record EvidenceContent(Guid ItemId, EvidenceKind Kind, string Title, Guid FileId, decimal? AmountWan, KeyLink? Link, DateOnly? Date);

/// <summary>
/// What an application says at one moment — contact, stated values and evidence — kept when the third party returns it,
/// so that the resubmission can say exactly what changed since the submission the reviewer saw.
/// </summary>
public sealed record ApplicationContent(
    string ContactPerson,
    string ContactPhone,
    string? ContactEmail,
    string EnterpriseName,
    string CreditCode,
    decimal Score,
    MaturityLevel Level,
    string SmartFactoryLevelName,
    IReadOnlyList<EvidenceContent> Evidence)
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };

    public string Serialise() => JsonSerializer.Serialize(this, Json);

    public static ApplicationContent Deserialise(string json) =>
        JsonSerializer.Deserialize<ApplicationContent>(json, Json) ?? throw new InvalidOperationException("empty application content");

    /// <summary>
    /// What changed from <paramref name="before"/> to <paramref name="after"/>: each field with its old and new value, each
    /// evidence item added or removed, each file replaced (old and new file) and each item whose title or contract changed.
    /// </summary>
    public static IReadOnlyList<ContentChangeData> Compare(ApplicationContent before, ApplicationContent after)
    {
        var changes = new List<ContentChangeData>();
        void Field(string name, string? was, string? now)
        {
            if (!string.Equals(was ?? string.Empty, now ?? string.Empty, StringComparison.Ordinal))
            {
                changes.Add(new ContentChangeData(ContentChangeKind.FieldChanged, name, Blank(was), Blank(now), null, null));
            }
        }
        Field("联系人", before.ContactPerson, after.ContactPerson);
        Field("联系电话", before.ContactPhone, after.ContactPhone);
        Field("电子邮箱", before.ContactEmail, after.ContactEmail);
        Field("企业名称", before.EnterpriseName, after.EnterpriseName);
        Field("统一社会信用代码", before.CreditCode, after.CreditCode);
        Field("智能制造能力成熟度分数", TwoDecimals(before.Score), TwoDecimals(after.Score));
        Field("成熟度等级", before.Level.ToChinese(), after.Level.ToChinese());
        Field("智能工厂等级", before.SmartFactoryLevelName, after.SmartFactoryLevelName);

        foreach (var old in before.Evidence)
        {
            var now = after.Evidence.FirstOrDefault(e => e.ItemId == old.ItemId);
            var subject = $"{old.Kind.ToChinese()}：{old.Title}";
            if (now is null)
            {
                changes.Add(new ContentChangeData(ContentChangeKind.EvidenceRemoved, subject, null, null, old.FileId, null));
                continue;
            }
            if (now.FileId != old.FileId)
            {
                changes.Add(new ContentChangeData(ContentChangeKind.FileReplaced, subject, null, null, old.FileId, now.FileId));
            }
            if (now.Title != old.Title)
            {
                changes.Add(new ContentChangeData(ContentChangeKind.EvidenceDetailsChanged, $"{subject}（材料名称）", old.Title, now.Title, null, null));
            }
            if (Contract(now) != Contract(old))
            {
                changes.Add(new ContentChangeData(ContentChangeKind.EvidenceDetailsChanged, $"{subject}（合同信息）", Contract(old), Contract(now), null, null));
            }
        }
        foreach (var added in after.Evidence.Where(e => before.Evidence.All(b => b.ItemId != e.ItemId)))
        {
            changes.Add(new ContentChangeData(ContentChangeKind.EvidenceAdded, $"{added.Kind.ToChinese()}：{added.Title}", null, Contract(added), null, added.FileId));
        }
        return changes;
    }

    /// <summary>"35.50万元，生产，2023-03-01" — a contract's particulars as one line.</summary>
    public static string? Contract(EvidenceContent e) =>
        e.AmountWan is { } amount && e.Link is { } link && e.Date is { } date
            ? $"{amount.ToString("0.00", CultureInfo.InvariantCulture)}万元，{link.ToChinese()}，{date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}"
            : null;

    private static string TwoDecimals(decimal value) => value.ToString("0.00", CultureInfo.InvariantCulture);

    private static string? Blank(string? value) => string.IsNullOrEmpty(value) ? null : value;
}

public enum ContentChangeKind
{
    FieldChanged,
    EvidenceAdded,
    EvidenceRemoved,
    FileReplaced,
    EvidenceDetailsChanged,
}

/// <summary>One difference between two submissions: a field (before → after) or an evidence item (files by their stored ids).</summary>
public sealed record ContentChangeData(ContentChangeKind Kind, string Subject, string? Before, string? After, Guid? OldFileId, Guid? NewFileId);
