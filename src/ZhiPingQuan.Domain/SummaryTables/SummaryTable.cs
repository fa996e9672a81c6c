using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ZhiPingQuan.Domain.Common;
using ZhiPingQuan.Domain.Files;
using ZhiPingQuan.Domain.Programmes;

namespace ZhiPingQuan.Domain.SummaryTables;

/// <summary>What a table is of: the unit and the batch, with the names printed in its title and header line.</summary>
public sealed record SummaryTableHeading(Guid UnitId, string UnitName, Guid BatchId, int Year, string BatchName);

/// <summary>The platform's SM2 signature over a submitted revision, and which key made it.</summary>
public sealed record PlatformSignature(string Signature, string KeyFingerprint);

/// <summary>What the platform's signature says of a revision as it is stored now.</summary>
public enum SignatureCheck
{
    /// <summary>Not submitted, or submitted before signatures existed.</summary>
    Missing,

    /// <summary>The stored rows still give the signed hash, and the signature is the platform key's: 签名有效.</summary>
    Valid,

    /// <summary>The rows, the hash, the code or the signature were changed after signing: 签名无效.</summary>
    Invalid,
}

/// <summary>
/// 汇总表 (docs/domain.md §4.3): one per recommending unit per batch, built from its confirmed assessments,
/// sealed by the district then the third party, then submitted to the commission.
/// Each record is one revision. Reopening a submitted table (the commission) leaves that revision as it was,
/// readable and verifiable, and starts revision + 1 as a new record with the same rows; exactly one revision per
/// unit and batch is current.
/// </summary>
public sealed class SummaryTable : Entity
{
    public const string RecordName = "汇总表";
    public const int VerificationCodeLength = 12;
    public const int MaxReasonLength = 1000;
    public const int MaxNameLength = 200;
    public const int MaxTitleLength = 200;
    public const int MaxSignatureLength = 200;
    public const int KeyFingerprintLength = 16;

    // No 0/O, 1/I: a printed code is typed back by people. 32 symbols, 12 of them: 60 random bits.
    public const string VerificationAlphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";

    private readonly List<SummaryTableRow> _rows = [];
    private readonly List<SummaryTableSeal> _seals = [];
    private readonly List<SummaryTableDroppedRow> _droppedRows = [];

    // True while this revision is current, null once superseded. Mapped only to make "one current
    // revision per unit and batch" a unique index that works on every provider: unique indexes let
    // NULLs repeat (EF filters nullable unique indexes on SQL Server), so only the current row collides.
    private bool? CurrentMarker { get; set; }

    private SummaryTable() { }

    /// <summary>
    /// The district drafts revision 1 from the rows the records give (<see cref="SummaryTableRowData.FromRecords"/>), in
    /// the order given.
    /// </summary>
    public SummaryTable(SummaryTableHeading heading, IEnumerable<SummaryTableRowData> rows, string createdBy, DateTime utcNow)
        : this(heading, 1, null, false, createdBy, utcNow)
    {
        AppendRows(rows);
        Raise(new SummaryTableDrafted(Id, RecommendingUnitId, BatchId, Title, Revision, _rows.Count));
    }

    private SummaryTable(SummaryTableHeading heading, int revision, Guid? previousRevisionId, bool submittedLate, string createdBy, DateTime utcNow)
    {
        ArgumentNullException.ThrowIfNull(heading);
        if (heading.UnitId == Guid.Empty || heading.BatchId == Guid.Empty)
        {
            throw new DomainException("汇总表必须属于一个推荐单位和一个批次。");
        }
        RecommendingUnitId = heading.UnitId;
        BatchId = heading.BatchId;
        UnitName = RequiredName(heading.UnitName, "推荐单位名称");
        BatchName = RequiredName(heading.BatchName, "批次名称");
        Year = heading.Year;
        Title = TitleFor(heading.Year, BatchName);
        Revision = revision;
        PreviousRevisionId = previousRevisionId;
        SubmittedLate = submittedLate;
        CreatedBy = RequiredName(createdBy, "操作人");
        CreatedAtUtc = utcNow;
        State = SummaryTableState.Draft;
        IsCurrent = true;
        CurrentMarker = true;
    }

    /// <summary>The title of the notice's attachment: 2023年上海市“智评券”试点重点企业名单汇总表（第一批）.</summary>
    public static string TitleFor(int year, string batchName) => $"{year}年上海市“智评券”试点重点企业名单汇总表（{batchName}）";

    public Guid RecommendingUnitId { get; private set; }
    public Guid BatchId { get; private set; }

    /// <summary>The unit's name as printed (推荐单位（盖章）：…), fixed when the table was drafted.</summary>
    public string UnitName { get; private set; } = string.Empty;

    public string BatchName { get; private set; } = string.Empty;
    public int Year { get; private set; }
    public string Title { get; private set; } = string.Empty;

    public SummaryTableHeading Heading => new(RecommendingUnitId, UnitName, BatchId, Year, BatchName);

    /// <summary>1 for the first table of the unit and batch; +1 each time the commission reopens.</summary>
    public int Revision { get; private set; }

    /// <summary>The submitted revision this one was reopened from, or null for revision 1.</summary>
    public Guid? PreviousRevisionId { get; private set; }

    /// <summary>False once the commission has reopened this revision (a newer one exists).</summary>
    public bool IsCurrent { get; private set; }

    public SummaryTableState State { get; private set; }
    public DateTime CreatedAtUtc { get; private set; }
    public string CreatedBy { get; private set; } = string.Empty;

    public IReadOnlyList<SummaryTableRow> Rows => _rows;

    /// <summary>Every seal ever put on this revision, voided ones included.</summary>
    public IReadOnlyList<SummaryTableSeal> Seals => _seals;

    public IEnumerable<SummaryTableSeal> ActiveSeals => _seals.Where(s => !s.IsVoided);

    public SummaryTableSeal? DistrictSeal => ActiveSeals.SingleOrDefault(s => s.Party == SealParty.District);

    public SummaryTableSeal? ThirdPartySeal => ActiveSeals.SingleOrDefault(s => s.Party == SealParty.ThirdParty);

    /// <summary>Rows that left this revision because their records no longer qualified, with why.</summary>
    public IReadOnlyList<SummaryTableDroppedRow> DroppedRows => _droppedRows;

    // The third party's last refusal to seal (every one is in the history).
    public DateTime? SealRefusedAtUtc { get; private set; }
    public string? SealRefusedBy { get; private set; }
    public string? SealRefusedByOrganisation { get; private set; }
    public string? SealRefusalReason { get; private set; }

    /// <summary>A refusal the district has not answered yet with a new seal.</summary>
    public bool HasOpenRefusal => SealRefusedAtUtc is { } at && State == SummaryTableState.Draft && !_seals.Any(s => s.Party == SealParty.District && s.AtUtc > at);

    public DateTime? SubmittedAtUtc { get; private set; }
    public string? SubmittedBy { get; private set; }

    /// <summary>
    /// The unit first delivered its table after the batch's original deadline (possible only under an extension). A
    /// reopened revision keeps its predecessor's value: a correction the commission asked for is not a late delivery.
    /// </summary>
    public bool SubmittedLate { get; private set; }

    /// <summary>The content hash frozen at submission.</summary>
    public string? SubmittedContentHash { get; private set; }

    /// <summary>Printed on the PDF so anyone can check a paper copy against the portal. Set on submission.</summary>
    public string? VerificationCode { get; private set; }

    /// <summary>The platform's SM2 signature (hex) over <see cref="SignedStatement"/>, made at submission.</summary>
    public string? PlatformSignature { get; private set; }

    /// <summary>The fingerprint of the key that signed (first 16 hex digits of SM3 over its public key).</summary>
    public string? SignatureKeyFingerprint { get; private set; }

    public DateTime? ReopenedAtUtc { get; private set; }
    public string? ReopenedBy { get; private set; }
    public string? ReopenReason { get; private set; }

    /// <summary>Where the table stands for the commission's inbox.</summary>
    public SummaryTableProgress Progress => State switch
    {
        SummaryTableState.Submitted => SubmittedLate ? SummaryTableProgress.SubmittedLate : SummaryTableProgress.SubmittedOnTime,
        _ when Revision > 1 => SummaryTableProgress.Reopened,
        SummaryTableState.DistrictSealed => SummaryTableProgress.DistrictSealed,
        SummaryTableState.ThirdPartySealed => SummaryTableProgress.ThirdPartySealed,
        _ => SummaryTableProgress.Draft,
    };

    // ---- rows (the district) -------------------------------------------------------------------

    /// <summary>Adds an enterprise assessed after the table was drafted, at the end.</summary>
    public void AddRow(SummaryTableRowData row, DateTime utcNow) =>
        ChangeRows(utcNow, SummaryTableRowChange.Added, $"增加企业：{row.EnterpriseName}", () => AppendRows([row]));

    /// <summary>Moves an enterprise's row to position <paramref name="toSequenceNo"/> (1-based); the others follow in order.</summary>
    public void MoveRow(Guid enterpriseId, int toSequenceNo, DateTime utcNow)
    {
        var row = FindRow(enterpriseId);
        if (toSequenceNo < 1 || toSequenceNo > _rows.Count)
        {
            throw new DomainException($"序号应在1至{_rows.Count}之间。");
        }
        ChangeRows(utcNow, SummaryTableRowChange.Moved, $"{row.EnterpriseName}：序号{row.SequenceNo}→{toSequenceNo}", () =>
        {
            var order = _rows.OrderBy(r => r.SequenceNo).Select(r => r.ToData()).ToList();
            var data = order.Single(d => d.EnterpriseId == enterpriseId);
            order.Remove(data);
            order.Insert(toSequenceNo - 1, data);
            _rows.Clear();
            AppendRows(order);
        });
    }

    /// <summary>Corrects the 联系方式 of one row: the only column the district may change by hand.</summary>
    public void CorrectContact(Guid enterpriseId, string? contact, DateTime utcNow)
    {
        var row = FindRow(enterpriseId);
        var value = SummaryTableRow.Optional(contact, row.EnterpriseName, SummaryTableRow.MaxContactLength);
        if (value.Length == 0)
        {
            throw new DomainException($"请填写“{row.EnterpriseName}”的联系方式（联系人和电话）。", "contact");
        }
        ChangeRows(utcNow, SummaryTableRowChange.ContactCorrected, $"更正{row.EnterpriseName}的联系方式", () =>
            ReplaceRow(row, row.ToData() with { Contact = value }));
    }

    /// <summary>
    /// Compares the rows with what the records give now (<paramref name="eligible"/>: the unit's confirmed, municipal
    /// enterprises of the batch): rows whose record no longer qualifies will drop out (with
    /// <paramref name="whyNotEligible"/>'s note), rows whose record changed will take the record's values (never the
    /// contact, which the district may have corrected), and enterprises not in the table can be added.
    /// </summary>
    public SummaryTableReconciliation PlanReconciliation(IReadOnlyCollection<SummaryTableRowData> eligible, Func<SummaryTableRow, string> whyNotEligible)
    {
        var dropping = new List<RowDropping>();
        var updating = new List<RowUpdate>();
        foreach (var row in _rows.OrderBy(r => r.SequenceNo))
        {
            var records = eligible.FirstOrDefault(e => e.EnterpriseId == row.EnterpriseId && e.AssessmentId == row.AssessmentId);
            if (records is null)
            {
                dropping.Add(new RowDropping(row, whyNotEligible(row)));
                continue;
            }
            var fields = row.ToData().FieldsDifferingFrom(records, includeContact: false);
            if (fields.Count > 0)
            {
                updating.Add(new RowUpdate(row, records with { Contact = row.Contact }, fields));
            }
        }
        var addable = eligible.Where(e => _rows.All(r => r.EnterpriseId != e.EnterpriseId)).ToList();
        return new SummaryTableReconciliation(dropping, updating, addable);
    }

    /// <summary>
    /// Applies a plan from <see cref="PlanReconciliation"/> made on this table's current rows: drops the rows that no longer
    /// qualify (each kept as a visible note) and refreshes the changed ones. Any change voids the seals.
    /// </summary>
    public void Reconcile(SummaryTableReconciliation plan, DateTime utcNow)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (plan.Dropping.Count > 0)
        {
            var detail = "移出：" + string.Join("；", plan.Dropping.Select(d => $"{d.Row.EnterpriseName}（{d.Reason}）"));
            ChangeRows(utcNow, SummaryTableRowChange.Dropped, detail, () =>
            {
                foreach (var d in plan.Dropping)
                {
                    var row = FindRow(d.Row.EnterpriseId);
                    _droppedRows.Add(new SummaryTableDroppedRow(Id, row, d.Reason, utcNow));
                    _rows.Remove(row);
                }
                var remaining = _rows.OrderBy(r => r.SequenceNo).Select(r => r.ToData()).ToList();
                _rows.Clear();
                AppendRows(remaining);
            });
        }
        if (plan.Updating.Count > 0)
        {
            var detail = "按最新记录更新：" + string.Join("；", plan.Updating.Select(u => $"{u.Row.EnterpriseName}（{string.Join("、", u.Fields)}）"));
            ChangeRows(utcNow, SummaryTableRowChange.UpdatedFromRecords, detail, () =>
            {
                foreach (var u in plan.Updating)
                {
                    ReplaceRow(FindRow(u.Row.EnterpriseId), u.FromRecords);
                }
            });
        }
    }

    private SummaryTableRow FindRow(Guid enterpriseId) =>
        _rows.SingleOrDefault(r => r.EnterpriseId == enterpriseId) ?? throw new DomainException("汇总表中没有这家企业。");

    private void ReplaceRow(SummaryTableRow row, SummaryTableRowData data)
    {
        var index = _rows.IndexOf(row);
        var replacement = new SummaryTableRow(Id, row.SequenceNo, data);
        _rows[index] = replacement;
        EnsureUnique();
    }

    private void AppendRows(IEnumerable<SummaryTableRowData> rows)
    {
        foreach (var data in rows)
        {
            if (_rows.Any(r => r.EnterpriseId == data.EnterpriseId))
            {
                throw new DomainException($"“{data.EnterpriseName}”在汇总表中重复。");
            }
            _rows.Add(new SummaryTableRow(Id, _rows.Count + 1, data));
            EnsureUnique();
        }
    }

    private void EnsureUnique()
    {
        var code = _rows.GroupBy(r => r.CreditCode).FirstOrDefault(g => g.Count() > 1);
        if (code is not null)
        {
            throw new DomainException($"统一社会信用代码{code.Key}在汇总表中重复。");
        }
    }

    /// <summary>Any change of content after a seal voids the seals and sends the table back to Draft.</summary>
    private void ChangeRows(DateTime utcNow, SummaryTableRowChange kind, string detail, Action change)
    {
        EnsureNotSubmitted("修改汇总表");
        var before = ComputeContentHash();
        var stateBefore = State;
        var snapshot = _rows.ToList();
        var droppedBefore = _droppedRows.Count;
        try
        {
            change();
        }
        catch
        {
            _rows.Clear();
            _rows.AddRange(snapshot);
            _droppedRows.RemoveRange(droppedBefore, _droppedRows.Count - droppedBefore);
            throw;
        }
        if (ComputeContentHash() == before)
        {
            return;
        }
        var active = ActiveSeals.ToList();
        foreach (var seal in active)
        {
            seal.Void(utcNow, SealVoidCause.ContentChanged);
        }
        State = SummaryTableState.Draft;
        Raise(new SummaryTableRowsChanged(Id, RecommendingUnitId, BatchId, kind, detail, stateBefore, active.Count > 0));
    }

    // ---- seals ---------------------------------------------------------------------------------

    /// <summary>Draft → DistrictSealed: the recommending unit confirms the table, by the batch deadline.</summary>
    public void SealByDistrict(Sealer sealer, DateTime utcNow, Batch batch)
    {
        EnsureState(SummaryTableState.Draft, "推荐单位盖章");
        EnsureSameBatch(batch);
        if (_rows.Count == 0)
        {
            throw new DomainException("汇总表没有企业，不能盖章。");
        }
        var missing = _rows.Where(r => r.Contact.Length == 0).OrderBy(r => r.SequenceNo).Select(r => r.EnterpriseName).ToList();
        if (missing.Count > 0)
        {
            throw new DomainException($"以下企业缺少联系方式，请先补充后再盖章：{string.Join("、", missing)}。");
        }
        EnsureDeadline(utcNow, batch, "在汇总表上盖章");
        Seal(SealParty.District, sealer, utcNow);
        State = SummaryTableState.DistrictSealed;
    }

    /// <summary>DistrictSealed → ThirdPartySealed: the third party co-seals the content the district sealed.</summary>
    public void SealByThirdParty(Sealer sealer, DateTime utcNow)
    {
        EnsureState(SummaryTableState.DistrictSealed, "第三方机构盖章");
        if (DistrictSeal?.ContentHash != ComputeContentHash())
        {
            throw new DomainException("汇总表内容与推荐单位盖章时不一致，不能盖章。");
        }
        Seal(SealParty.ThirdParty, sealer, utcNow);
        State = SummaryTableState.ThirdPartySealed;
    }

    /// <summary>
    /// DistrictSealed → Draft: the third party refuses to seal and says why. The district's seal goes with the refusal;
    /// the district corrects the table (or explains) and seals again.
    /// </summary>
    public void RefuseSeal(Sealer sealer, string? reason, DateTime utcNow)
    {
        EnsureState(SummaryTableState.DistrictSealed, "拒绝盖章");
        ArgumentNullException.ThrowIfNull(sealer);
        var r = Reason(reason, "拒绝盖章必须填写原因，推荐单位将据此修改。", "拒绝原因");
        var by = RequiredName(sealer.Name, "操作人");
        DistrictSeal!.Void(utcNow, SealVoidCause.RefusedByThirdParty);
        State = SummaryTableState.Draft;
        SealRefusedAtUtc = utcNow;
        SealRefusedBy = by;
        SealRefusedByOrganisation = RequiredName(sealer.OrganisationName, "盖章单位");
        SealRefusalReason = r;
        Raise(new SummaryTableSealRefused(Id, RecommendingUnitId, BatchId, Title, Revision, sealer.OrganisationId, r));
    }

    private void Seal(SealParty party, Sealer sealer, DateTime utcNow)
    {
        var hash = ComputeContentHash();
        var seal = new SummaryTableSeal(Id, party, sealer, utcNow, hash);
        _seals.Add(seal);
        Raise(new SummaryTableSealed(Id, RecommendingUnitId, BatchId, Title, Revision, party, seal.SealedBy, seal.OrganisationId, hash));
    }

    // ---- submission and reopening --------------------------------------------------------------

    /// <summary>
    /// ThirdPartySealed → Submitted, by the batch deadline (as the commission extended it). From here the rows are
    /// frozen: this revision is what the commission received. It gets its verification code and the platform's
    /// signature over its content hash; the rows' recommendations are listed in the same save (through the event).
    /// </summary>
    public void Submit(string submittedBy, DateTime utcNow, Batch batch, string verificationCode, Func<byte[], PlatformSignature> sign)
    {
        ArgumentNullException.ThrowIfNull(sign);
        EnsureState(SummaryTableState.ThirdPartySealed, "报送");
        EnsureSameBatch(batch);
        var by = RequiredName(submittedBy, "报送人");
        EnsureDeadline(utcNow, batch, "报送汇总表");
        if (!IsWellFormedVerificationCode(verificationCode))
        {
            throw new ArgumentException("not a verification code", nameof(verificationCode));
        }
        var hash = ComputeContentHash();
        if (DistrictSeal?.ContentHash != hash || ThirdPartySeal?.ContentHash != hash)
        {
            throw new DomainException("汇总表内容与盖章时不一致，请重新盖章后再报送。");
        }
        var signature = sign(SignedStatement(verificationCode, Revision, hash));
        if (string.IsNullOrWhiteSpace(signature.Signature) || signature.Signature.Length > MaxSignatureLength)
        {
            throw new InvalidOperationException("the platform signer returned no usable signature");
        }
        State = SummaryTableState.Submitted;
        SubmittedAtUtc = utcNow;
        SubmittedBy = by;
        SubmittedContentHash = hash;
        VerificationCode = verificationCode;
        PlatformSignature = signature.Signature;
        SignatureKeyFingerprint = signature.KeyFingerprint;
        if (Revision == 1)
        {
            SubmittedLate = !ShanghaiTime.IsOnOrBefore(utcNow, batch.OriginalDeadline);
        }
        Raise(new SummaryTableSubmitted(Id, RecommendingUnitId, BatchId, Title, Revision, verificationCode,
            _rows.OrderBy(r => r.SequenceNo).Select(r => r.EnterpriseId).ToList(), SubmittedLate));
    }

    /// <summary>
    /// The commission reopens a submitted, current revision with a reason. This revision stays as submitted (readable,
    /// downloadable, verifiable) and stops being current; the returned revision + 1 starts as Draft with the same rows and
    /// must be sealed and submitted again. Its rows' recommendations are unlisted until then (through the event).
    /// </summary>
    public SummaryTable Reopen(string? reason, string reopenedBy, DateTime utcNow)
    {
        EnsureState(SummaryTableState.Submitted, "退回重报");
        if (!IsCurrent)
        {
            throw new DomainException($"汇总表第{Revision}版已被新版本取代，不能再次退回。");
        }
        var r = Reason(reason, "退回汇总表必须填写原因。", "退回原因");
        var by = RequiredName(reopenedBy, "退回人");

        var next = new SummaryTable(Heading, Revision + 1, Id, SubmittedLate, by, utcNow);
        next.AppendRows(_rows.OrderBy(x => x.SequenceNo).Select(x => x.ToData()));
        next.Raise(new SummaryTableDrafted(next.Id, RecommendingUnitId, BatchId, Title, next.Revision, next._rows.Count));

        IsCurrent = false;
        CurrentMarker = null;
        ReopenedAtUtc = utcNow;
        ReopenedBy = by;
        ReopenReason = r;
        Raise(new SummaryTableReopened(Id, next.Id, RecommendingUnitId, BatchId, Title, Revision, r,
            _rows.OrderBy(x => x.SequenceNo).Select(x => x.EnterpriseId).ToList()));
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

    private void EnsureSameBatch(Batch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (batch.Id != BatchId)
        {
            throw new DomainException("批次与汇总表不一致。");
        }
    }

    // A reopened revision exists because the commission asked for a correction, usually after the
    // deadline; holding it to the batch deadline would make the correction impossible.
    private void EnsureDeadline(DateTime utcNow, Batch batch, string action)
    {
        if (Revision == 1)
        {
            batch.EnsureOpen(utcNow, action);
        }
    }

    private static string Reason(string? reason, string missing, string field)
    {
        var r = (reason ?? string.Empty).Trim();
        if (r.Length == 0)
        {
            throw new DomainException(missing, "reason");
        }
        if (r.Length > MaxReasonLength)
        {
            throw new DomainException($"{field}过长（最多{MaxReasonLength}个字符）。", "reason");
        }
        return r;
    }

    private static string RequiredName(string? value, string field)
    {
        var v = (value ?? string.Empty).Trim();
        if (v.Length == 0)
        {
            throw new DomainException($"{field}不能为空。");
        }
        return v.Length > MaxNameLength ? throw new DomainException($"{field}过长（最多{MaxNameLength}个字符）。") : v;
    }

    // ---- content hash, signature and verification code ----------------------------------------

    /// <summary>
    /// The canonical text of the table's content: the title, the batch, the unit, then one line per row in 序号 order,
    /// fields separated by tabs (tabs, line breaks and backslashes inside values escaped), numbers in invariant form.
    /// Same content, same text — on any machine and culture.
    /// </summary>
    public string CanonicalContent()
    {
        var sb = new StringBuilder();
        sb.Append("zhipingquan-summary-table/2\n");
        sb.Append("title\t").Append(Escape(Title)).Append('\n');
        sb.Append("batch\t").Append(BatchId.ToString("D")).Append('\t').Append(Escape(BatchName)).Append('\n');
        sb.Append("unit\t").Append(RecommendingUnitId.ToString("D")).Append('\t').Append(Escape(UnitName)).Append('\n');
        foreach (var r in _rows.OrderBy(r => r.SequenceNo))
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

    /// <summary>SHA-256 (lower-case hex) of <see cref="CanonicalContent"/>: what a seal certifies.</summary>
    public string ComputeContentHash() => FileHashing.Sha256Hex(CanonicalContent());

    /// <summary>
    /// What the platform signs at submission: the verification code, the revision and the content hash, so a signature
    /// cannot be moved to another code, revision or content.
    /// </summary>
    public static byte[] SignedStatement(string verificationCode, int revision, string contentHash) =>
        Encoding.UTF8.GetBytes(
            $"zhipingquan-summary-table-signature/1\ncode\t{verificationCode}\nrevision\t{revision.ToString(CultureInfo.InvariantCulture)}\nsha256\t{contentHash}\n");

    /// <summary>
    /// Checks the stored revision against its signature: the hash is computed again from the stored rows (a row changed
    /// in the database gives another hash), and the signature must be the platform's over the statement of that hash.
    /// </summary>
    public SignatureCheck CheckSignature(Func<byte[], string, bool> verify)
    {
        ArgumentNullException.ThrowIfNull(verify);
        if (State != SummaryTableState.Submitted || PlatformSignature is null || VerificationCode is null)
        {
            return SignatureCheck.Missing;
        }
        var hash = ComputeContentHash();
        if (hash != SubmittedContentHash)
        {
            return SignatureCheck.Invalid;
        }
        return verify(SignedStatement(VerificationCode, Revision, hash), PlatformSignature) ? SignatureCheck.Valid : SignatureCheck.Invalid;
    }

    private static string Escape(string value) =>
        value.Replace("\\", "\\\\").Replace("\t", "\\t").Replace("\r", "\\r").Replace("\n", "\\n");

    /// <summary>A new random code: 12 symbols of <see cref="VerificationAlphabet"/>. The caller makes sure no table has it yet.</summary>
    public static string NewVerificationCode() =>
        new(RandomNumberGenerator.GetItems<char>(VerificationAlphabet, VerificationCodeLength));

    /// <summary>A code as typed from paper: trimmed, spaces and dashes dropped, upper-cased.</summary>
    public static string NormaliseVerificationCode(string? input) =>
        new((input ?? string.Empty).Where(c => !char.IsWhiteSpace(c) && c != '-').Select(char.ToUpperInvariant).ToArray());

    /// <summary>True for exactly 12 symbols of the alphabet (after <see cref="NormaliseVerificationCode"/>).</summary>
    public static bool IsWellFormedVerificationCode(string? code) =>
        code is { Length: VerificationCodeLength } && code.All(c => VerificationAlphabet.Contains(c));

    /// <summary>As printed: three groups of four (7KQ2-MX4D-H8PW).</summary>
    public static string FormatVerificationCode(string code) =>
        code.Length == VerificationCodeLength ? $"{code[..4]}-{code[4..8]}-{code[8..]}" : code;
}

/// <summary>A row that will drop out of the draft, and why.</summary>
public sealed record RowDropping(SummaryTableRow Row, string Reason);

/// <summary>A row whose record changed: the values it will take, and which columns change.</summary>
public sealed record RowUpdate(SummaryTableRow Row, SummaryTableRowData FromRecords, IReadOnlyList<string> Fields);

/// <summary>How a draft compares with the records now (<see cref="SummaryTable.PlanReconciliation"/>).</summary>
public sealed record SummaryTableReconciliation(IReadOnlyList<RowDropping> Dropping, IReadOnlyList<RowUpdate> Updating, IReadOnlyList<SummaryTableRowData> Addable)
{
    /// <summary>Whether applying it changes the table (adding stays the district's choice).</summary>
    public bool ChangesRows => Dropping.Count > 0 || Updating.Count > 0;
}
