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

/// <summary>Accounts: Admin manages them.</summary>
public sealed class AccountScope : RecordScope<AppUser>
{
    public AccountScope()
    {
        Read(Roles.Admin).All();
        Edit(Roles.Admin).All();
    }
}
