using ZhiPingQuan.Domain.Reference;

namespace ZhiPingQuan.Domain.SummaryTables;

/// <summary>One column of one row that differs between two revisions.</summary>
public sealed record FieldChange(string Column, string Before, string After);

public enum RowChangeKind
{
    Added,
    Removed,
    Changed,
}

/// <summary>An enterprise added, removed or changed between two revisions.</summary>
public sealed record RowChange(RowChangeKind Kind, Guid EnterpriseId, string EnterpriseName, string CreditCode, IReadOnlyList<FieldChange> Fields);

/// <summary>What changed from one revision of a table to the next (docs/domain.md §4.3): rows added, removed, changed fields.</summary>
public static class SummaryTableDiff
{
    public static IReadOnlyList<RowChange> Compare(IEnumerable<SummaryTableRow> before, IEnumerable<SummaryTableRow> after)
    {
        var old = before.OrderBy(r => r.SequenceNo).ToList();
        var now = after.OrderBy(r => r.SequenceNo).ToList();
        var changes = new List<RowChange>();
        foreach (var row in now)
        {
            var previous = old.FirstOrDefault(o => o.EnterpriseId == row.EnterpriseId);
            if (previous is null)
            {
                changes.Add(new RowChange(RowChangeKind.Added, row.EnterpriseId, row.EnterpriseName, row.CreditCode, []));
                continue;
            }
            var fields = Fields(previous, row);
            if (fields.Count > 0)
            {
                changes.Add(new RowChange(RowChangeKind.Changed, row.EnterpriseId, row.EnterpriseName, row.CreditCode, fields));
            }
        }
        foreach (var removed in old.Where(o => now.All(n => n.EnterpriseId != o.EnterpriseId)))
        {
            changes.Add(new RowChange(RowChangeKind.Removed, removed.EnterpriseId, removed.EnterpriseName, removed.CreditCode, []));
        }
        return changes;
    }

    private static List<FieldChange> Fields(SummaryTableRow a, SummaryTableRow b)
    {
        var fields = new List<FieldChange>();
        void Add(string column, string x, string y)
        {
            if (x != y)
            {
                fields.Add(new FieldChange(column, x, y));
            }
        }
        Add(SummaryTableColumns.SequenceNo, a.SequenceNo.ToString(System.Globalization.CultureInfo.InvariantCulture), b.SequenceNo.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Add(SummaryTableColumns.EnterpriseName, a.EnterpriseName, b.EnterpriseName);
        Add(SummaryTableColumns.CreditCode, a.CreditCode, b.CreditCode);
        Add(SummaryTableColumns.KeyIndustry, a.KeyIndustry.ToChinese(), b.KeyIndustry.ToChinese());
        Add(SummaryTableColumns.MaturityScore, a.MaturityScore.ToString(), b.MaturityScore.ToString());
        Add(SummaryTableColumns.SmartFactoryLevel, a.SmartFactoryLevelName, b.SmartFactoryLevelName);
        Add(SummaryTableColumns.Contact, a.Contact, b.Contact);
        return fields;
    }
}
