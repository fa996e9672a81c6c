using ZhiPingQuan.Domain.Auditing;
using ZhiPingQuan.Domain.Common;
using ZhiPingQuan.Domain.Organisations;
using ZhiPingQuan.Domain.Tests.LifecycleSupport;

namespace ZhiPingQuan.Domain.Tests.Organisations;

/// <summary>Admin's register of organisations: each change is raised by the organisation, its kind named in Chinese.</summary>
public class OrganisationEventsTests
{
    private static AuditLine Line(Organisation o) => Assert.IsAssignableFrom<IAuditedEvent>(Assert.Single(o.TakeEvents())).Audit;

    [Fact]
    public void Constructing_records_nothing_entering_the_register_does()
    {
        var unit = Make.Unit("临港新片区", null);
        Assert.Empty(unit.PendingEvents());

        unit.EnterInRegister();
        Assert.Equal(new AuditLine(AuditAction.OrganisationCreated, nameof(Organisation), unit.Id, null, "推荐单位", "临港新片区"), Line(unit));
    }

    [Fact]
    public void Renaming_in_the_register_is_recorded_when_the_name_changes()
    {
        var unit = Make.Unit();
        Assert.False(unit.RenameInRegister(" 浦东新区 "));
        Assert.Empty(unit.PendingEvents());

        Assert.True(unit.RenameInRegister("浦东新区经委"));
        Assert.Equal(new AuditLine(AuditAction.OrganisationRenamed, nameof(Organisation), unit.Id, "浦东新区", "浦东新区经委"), Line(unit));
    }

    [Fact]
    public void A_registry_rename_is_part_of_the_registrys_own_transition_and_records_nothing_itself()
    {
        var enterprise = Make.Enterprise(Make.Unit());
        enterprise.Rename("上海浦江精密装备股份有限公司");
        Assert.Empty(enterprise.PendingEvents());
    }

    [Fact]
    public void Deactivating_and_activating_are_recorded_once_each()
    {
        var organisation = new Organisation("上海智能制造质量监督服务中心", OrganisationKind.ThirdParty);
        organisation.Activate();
        Assert.Empty(organisation.PendingEvents());

        organisation.Deactivate();
        organisation.Deactivate();
        Assert.Equal(new AuditLine(AuditAction.OrganisationDeactivated, nameof(Organisation), organisation.Id, "启用", "停用", "上海智能制造质量监督服务中心"), Line(organisation));

        organisation.Activate();
        Assert.Equal(new AuditLine(AuditAction.OrganisationActivated, nameof(Organisation), organisation.Id, "停用", "启用", "上海智能制造质量监督服务中心"), Line(organisation));
    }

    [Fact]
    public void A_refused_rename_records_nothing()
    {
        var unit = Make.Unit();
        Assert.Throws<DomainException>(() => unit.RenameInRegister(" "));
        Assert.Equal("浦东新区", unit.Name);
        Assert.Empty(unit.PendingEvents());
    }

    [Theory]
    [InlineData(OrganisationKind.Commission)]
    [InlineData(OrganisationKind.RecommendingUnit)]
    [InlineData(OrganisationKind.Enterprise)]
    [InlineData(OrganisationKind.Agency)]
    [InlineData(OrganisationKind.ThirdParty)]
    [InlineData(OrganisationKind.Operator)]
    public void The_kind_is_written_in_Chinese(OrganisationKind kind)
    {
        var after = new OrganisationCreated(Guid.NewGuid(), kind, "某单位").Audit.After!;
        Assert.Equal(kind.ToChinese(), after);
        Assert.DoesNotContain(kind.ToString(), after);
    }
}
