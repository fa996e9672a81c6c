using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ZhiPingQuan.Domain.Common;
using ZhiPingQuan.Domain.Files;

namespace ZhiPingQuan.Domain.SummaryTables;

/// <summary>
/// 汇总表 (DESIGN §4.3): one per recommending unit per batch, built from its confirmed assessments,
/// sealed by the district then the third party, then submitted to the commission.
/// Each record is one revision. Reopening a submitted table (commission only — the web layer checks
/// the role) leaves that revision as it was, readable and verifiable, and starts revision + 1 as a
/// new record with the same rows; exactly one revision per unit and batch is current.
/// </summary>
public sealed class SummaryTable : Entity
{
    public const string RecordName = "汇总表";
    public const int VerificationCodeLength = 12;
    public const int MaxReasonLength = 1000;
    public const int MaxNameLength = 200;

    // No 0/O, 1/I: a printed code is typed back by people.
    private const string VerificationAlphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";

    private readonly List<SummaryTableRow> _rows = [];
    private readonly List<SummaryTableSeal> _seals = [];

    // True while this revision is current, null once superseded. Mapped only to make "one current
    // revision per unit and batch" a unique index that works on every provider: unique indexes let
    // NULLs repeat (EF filters nullable unique indexes on SQL Server), so only the current row collides.
    private bool? CurrentMarker { get; set; }

    private SummaryTable() { }

    public SummaryTable(Guid recommendingUnitId, Guid batchId, DateTime utcNow)
        : this(recommendingUnitId, batchId, 1, null, utcNow)
    {
    }

    private SummaryTable(Guid recommendingUnitId, Guid batchId, int revision, Guid? previousRevisionId, DateTime utcNow)
    {
        if (recommendingUnitId == Guid.Empty || batchId == Guid.Empty)
        {
            throw new DomainException("汇总表必须属于一个推荐单位和一个批次。");
        }
        RecommendingUnitId = recommendingUnitId;
        BatchId = batchId;
        Revision = revision;
        PreviousRevisionId = previousRevisionId;
        CreatedAtUtc = utcNow;
        State = SummaryTableState.Draft;
        IsCurrent = true;
        CurrentMarker = true;
    }

    public Guid RecommendingUnitId { get; private set; }
    public Guid BatchId { get; private set; }

    /// <summary>1 for the first table of the unit and batch; +1 each time the commission reopens.</summary>
    public int Revision { get; private set; }

    /// <summary>The submitted revision this one was reopened from, or null for revision 1.</summary>
    public Guid? PreviousRevisionId { get; private set; }

    /// <summary>False once the commission has reopened this revision (a newer one exists).</summary>
    public bool IsCurrent { get; private set; }

    public SummaryTableState State { get; private set; }
    public DateTime CreatedAtUtc { get; private set; }

    public IReadOnlyList<SummaryTableRow> Rows => _rows;

    /// <summary>Every seal ever put on this revision, voided ones included.</summary>
    public IReadOnlyList<SummaryTableSeal> Seals => _seals;

    public IEnumerable<SummaryTableSeal> ActiveSeals => _seals.Where(s => !s.IsVoided);

    public SummaryTableSeal? DistrictSeal => ActiveSeals.SingleOrDefault(s => s.Party == SealParty.District);

    public SummaryTableSeal? ThirdPartySeal => ActiveSeals.SingleOrDefault(s => s.Party == SealParty.ThirdParty);

    public DateTime? SubmittedAtUtc { get; private set; }
    public string? SubmittedBy { get; private set; }

    /// <summary>The content hash frozen at submission.</summary>
    public string? SubmittedContentHash { get; private set; }

    /// <summary>Printed on the PDF so anyone can check a paper copy against the portal. Set on submission.</summary>
    public string? VerificationCode { get; private set; }

    public DateTime? ReopenedAtUtc { get; private set; }
    public string? ReopenedBy { get; private set; }
    public string? ReopenReason { get; private set; }

    // ---- rows ----------------------------------------------------------------------------------

    /// <summary>Rebuilds the rows (e.g. from the unit's confirmed assessments); 序号 follows the given order.</summary>
    public void ReplaceRows(IEnumerable<SummaryTableRowData> rows, DateTime utcNow)
    {
        var list = rows.ToList();
        ChangeRows(utcNow, "更新行", () =>
        {
            _rows.Clear();
            AppendRows(list);
        });
    }

    public void AddRow(SummaryTableRowData row, DateTime utcNow) =>
        ChangeRows(utcNow, "增加行", () => AppendRows([row]));

    public void RemoveRow(Guid enterpriseId, DateTime utcNow)
    {
        var row = _rows.SingleOrDefault(r => r.EnterpriseId == enterpriseId)
            ?? throw new DomainException("汇总表中没有这家企业。");
        ChangeRows(utcNow, "删除行", () =>
        {
            var remaining = _rows.Where(r => r != row).Select(r => r.ToData()).ToList();
            _rows.Clear();
            AppendRows(remaining);
        });
    }

    private void AppendRows(IEnumerable<SummaryTableRowData> rows)
    {
        foreach (var data in rows)
        {
            if (_rows.Any(r => r.EnterpriseId == data.EnterpriseId))
            {
                throw new DomainException($"“{data.EnterpriseName}”在汇总表中重复。");
            }
            var row = new SummaryTableRow(Id, _rows.Count + 1, data);
            if (_rows.Any(r => r.CreditCode == row.CreditCode))
            {
                throw new DomainException($"统一社会信用代码{row.CreditCode}在汇总表中重复。");
            }
            _rows.Add(row);
        }
    }

    /// <summary>Any change of content after a seal voids the seals and sends the table back to Draft.</summary>
    private void ChangeRows(DateTime utcNow, string action, Action change)
    {
        EnsureNotSubmitted(action);
        var before = ComputeContentHash();
        var snapshot = _rows.ToList();
        try
        {
            change();
        }
        catch
        {
            _rows.Clear();
            _rows.AddRange(snapshot);
            throw;
        }
        if (ComputeContentHash() == before)
        {
            return;
        }
        foreach (var seal in ActiveSeals.ToList())
        {
            seal.Void(utcNow);
        }
        State = SummaryTableState.Draft;
    }

    // ---- seals and submission ------------------------------------------------------------------

    /// <summary>Draft → DistrictSealed: the recommending unit confirms the table, by the batch deadline.</summary>
    public void SealByDistrict(string sealedBy, Guid organisationId, string organisationName, DateTime utcNow, DateOnly batchDeadline)
    {
        const string action = "推荐单位盖章";
        EnsureState(SummaryTableState.Draft, action);
        EnsureHasRows();
        EnsureDeadline(utcNow, batchDeadline, "盖章");
        _seals.Add(new SummaryTableSeal(Id, SealParty.District, sealedBy, organisationId, organisationName, utcNow, ComputeContentHash()));
        State = SummaryTableState.DistrictSealed;
    }

    /// <summary>DistrictSealed → ThirdPartySealed: the third party co-seals the content the district sealed.</summary>
    public void SealByThirdParty(string sealedBy, Guid organisationId, string organisationName, DateTime utcNow)
    {
        EnsureState(SummaryTableState.DistrictSealed, "第三方机构盖章");
        _seals.Add(new SummaryTableSeal(Id, SealParty.ThirdParty, sealedBy, organisationId, organisationName, utcNow, ComputeContentHash()));
        State = SummaryTableState.ThirdPartySealed;
    }

    /// <summary>
    /// ThirdPartySealed → Submitted, by the batch deadline. From here the rows are frozen: this
    /// revision is what the commission received, and the verification code identifies it.
    /// </summary>
    public void Submit(string submittedBy, DateTime utcNow, DateOnly batchDeadline)
    {
        EnsureState(SummaryTableState.ThirdPartySealed, "报送");
        if (string.IsNullOrWhiteSpace(submittedBy))
        {
            throw new DomainException("报送人不能为空。");
        }
        EnsureDeadline(utcNow, batchDeadline, "报送");
        var hash = ComputeContentHash();
        if (DistrictSeal?.ContentHash != hash || ThirdPartySeal?.ContentHash != hash)
        {
            throw new DomainException("汇总表内容与盖章时不一致，请重新盖章后再报送。");
        }
        State = SummaryTableState.Submitted;
        SubmittedAtUtc = utcNow;
        SubmittedBy = submittedBy.Trim();
        SubmittedContentHash = hash;
        VerificationCode = NewVerificationCode();
    }

    /// <summary>
    /// Commission only (checked by the caller's authorisation): a submitted, current revision is
    /// reopened with a reason. This revision stays as submitted and stops being current; the returned
    /// revision + 1 starts as Draft with the same rows and must be sealed and submitted again.
    /// </summary>
    public SummaryTable Reopen(string reason, string reopenedBy, DateTime utcNow)
    {
        EnsureState(SummaryTableState.Submitted, "退回修改");
        if (!IsCurrent)
        {
            throw new DomainException($"汇总表第{Revision}版已被新版本取代，不能再次退回。");
        }
        var r = (reason ?? string.Empty).Trim();
        if (r.Length == 0)
        {
            throw new DomainException("退回修改汇总表必须填写原因。");
        }
        if (r.Length > MaxReasonLength)
        {
            throw new DomainException($"退回原因过长（最多{MaxReasonLength}个字符）。");
        }
        if (string.IsNullOrWhiteSpace(reopenedBy))
        {
            throw new DomainException("退回人不能为空。");
        }

        var next = new SummaryTable(RecommendingUnitId, BatchId, Revision + 1, Id, utcNow);
        next.AppendRows(_rows.OrderBy(x => x.SequenceNo).Select(x => x.ToData()));

        IsCurrent = false;
        CurrentMarker = null;
        ReopenedAtUtc = utcNow;
        ReopenedBy = reopenedBy.Trim();
        ReopenReason = r;
        return next;
    }

    private void EnsureState(SummaryTableState expected, string action)
    {
        if (State != expected)
        {
            throw new InvalidTransitionException(RecordName, State.ToChinese(), action);
        }
    }

    private void EnsureNotSubmitted(string action)
    {
        if (State == SummaryTableState.Submitted)
        {
            throw new InvalidTransitionException(RecordName, State.ToChinese(), action);
        }
    }

    private void EnsureHasRows()
    {
        if (_rows.Count == 0)
        {
            throw new DomainException("汇总表没有企业，不能盖章。");
        }
    }

    // A reopened revision exists because the commission asked for a correction, usually after the
    // deadline; holding it to the batch deadline would make the correction impossible.
    private void EnsureDeadline(DateTime utcNow, DateOnly batchDeadline, string action)
    {
        if (Revision == 1 && !ShanghaiTime.IsOnOrBefore(utcNow, batchDeadline))
        {
            throw new DomainException($"已过本批次截止日期（{ShanghaiTime.FormatDate(batchDeadline)}），汇总表不能再{action}。");
        }
    }

    // ---- content hash and verification code ---------------------------------------------------

    /// <summary>
    /// The canonical text of the table's content: one line per row in 序号 order, fields separated by
    /// tabs (tabs, line breaks and backslashes inside values escaped), numbers in invariant form.
    /// Same content, same text — on any machine and culture.
    /// </summary>
    public string CanonicalContent() => BuildCanonicalContent(RecommendingUnitId, BatchId, _rows.OrderBy(r => r.SequenceNo));

    /// <summary>SHA-256 (lower-case hex) of <see cref="CanonicalContent"/>: what a seal certifies.</summary>
    public string ComputeContentHash() => FileHashing.Sha256Hex(CanonicalContent());

    private static string BuildCanonicalContent(Guid unitId, Guid batchId, IEnumerable<SummaryTableRow> rows)
    {
        var sb = new StringBuilder();
        sb.Append("zhipingquan-summary-table/1\n");
        sb.Append("unit\t").Append(unitId.ToString("D")).Append('\n');
        sb.Append("batch\t").Append(batchId.ToString("D")).Append('\n');
        foreach (var r in rows)
        {
            sb.Append(r.SequenceNo.ToString(CultureInfo.InvariantCulture)).Append('\t')
                .Append(r.EnterpriseId.ToString("D")).Append('\t')
                .Append(r.AssessmentId.ToString("D")).Append('\t')
                .Append(Escape(r.EnterpriseName)).Append('\t')
                .Append(Escape(r.CreditCode)).Append('\t')
                .Append(r.KeyIndustry.ToString()).Append('\t')
                .Append(r.MaturityScore.Value.ToString("0.00", CultureInfo.InvariantCulture)).Append('\t')
                .Append(Escape(r.SmartFactoryLevelName)).Append('\t')
                .Append(Escape(r.Contact)).Append('\n');
        }
        return sb.ToString();
    }

    private static string Escape(string value) =>
        value.Replace("\\", "\\\\").Replace("\t", "\\t").Replace("\r", "\\r").Replace("\n", "\\n");

    private static string NewVerificationCode() =>
        new(RandomNumberGenerator.GetItems<char>(VerificationAlphabet, VerificationCodeLength));

    /// <summary>A code as typed from paper: trimmed, spaces and dashes dropped, upper-cased.</summary>
    public static string NormaliseVerificationCode(string? input) =>
        new((input ?? string.Empty).Where(c => !char.IsWhiteSpace(c) && c != '-').Select(char.ToUpperInvariant).ToArray());
}
