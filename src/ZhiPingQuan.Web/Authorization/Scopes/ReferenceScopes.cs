using ZhiPingQuan.Domain.Organisations;
using ZhiPingQuan.Domain.Programmes;
using ZhiPingQuan.Web.Data.Identity;

namespace ZhiPingQuan.Web.Authorization.Scopes;

/// <summary>Programme years are the programme's calendar: every role reads them; the commission manages them.</summary>
public sealed class ProgrammeYearScope : RecordScope<ProgrammeYear>
{
    public ProgrammeYearScope()
    {
        Read([.. Roles.All]).All();
        Edit(Roles.Commission).All();
    }
}

/// <summary>Batches, like their years: every role reads them (deadlines); the commission manages them.</summary>
public sealed class BatchScope : RecordScope<Batch>
{
    public BatchScope()
    {
        Read([.. Roles.All]).All();
        Edit(Roles.Commission).All();
    }
}

/// <summary>Organisations as records of their own (the units, agencies, enterprises and others): Admin manages them.</summary>
public sealed class OrganisationScope : RecordScope<Organisation>
{
    public OrganisationScope()
    {
        Read(Roles.Admin).All();
        Edit(Roles.Admin).All();
    }
}

/// <summary>Accounts: Admin creates and edits them, the security administrator locks, unlocks and resets them (each gated by role).</summary>
public sealed class AccountScope : RecordScope<AppUser>
{
    public AccountScope()
    {
        Read(Roles.Admin, Roles.SecurityAdmin).All();
        Edit(Roles.Admin, Roles.SecurityAdmin).All();
    }
}

/// <summary>An enterprise's request for an account is decided by the district whose registry holds the enterprise, and by no one else.</summary>
public sealed class EnterpriseAccountRequestScope : RecordScope<EnterpriseAccountRequest>
{
    public EnterpriseAccountRequestScope()
    {
        Read(Roles.District).Where((r, org) => r.RecommendingUnitId == org);
        Edit(Roles.District).Where((r, org) => r.RecommendingUnitId == org);
    }
}
