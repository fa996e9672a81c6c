using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ZhiPingQuan.Domain.Reference;

namespace ZhiPingQuan.Web.Data.Configurations.Lifecycle;

public sealed class CreditCodeExceptionConfiguration : IEntityTypeConfiguration<CreditCodeException>
{
    public void Configure(EntityTypeBuilder<CreditCodeException> b)
    {
        b.ToTable("CreditCodeExceptions");
        b.Property(e => e.Code).HasConversion(LifecycleConverters.CreditCode).HasMaxLength(18).IsRequired();
        b.HasIndex(e => e.Code).IsUnique();
        b.Property(e => e.Reason).HasMaxLength(500).IsRequired();
        b.Property(e => e.RegisteredBy).HasMaxLength(100).IsRequired();
    }
}
