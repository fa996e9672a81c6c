using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ZhiPingQuan.Domain.Programmes;

namespace ZhiPingQuan.Web.Data.Configurations.Lifecycle;

public sealed class ProgrammeYearConfiguration : IEntityTypeConfiguration<ProgrammeYear>
{
    public void Configure(EntityTypeBuilder<ProgrammeYear> b)
    {
        b.ToTable("ProgrammeYears");
        b.HasIndex(y => y.Year).IsUnique();
        b.Property(y => y.StandardAmount).HasConversion(LifecycleConverters.Money).HasPrecision(18, 2);
        b.Property(y => y.BudgetCap).HasConversion(LifecycleConverters.Money).HasPrecision(18, 2);
        b.Ignore(y => y.EnterprisesWithinBudget);

        b.HasMany(y => y.Batches)
            .WithOne(x => x.ProgrammeYear)
            .HasForeignKey(x => x.ProgrammeYearId)
            .OnDelete(DeleteBehavior.Restrict);
        b.Navigation(y => y.Batches).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}
