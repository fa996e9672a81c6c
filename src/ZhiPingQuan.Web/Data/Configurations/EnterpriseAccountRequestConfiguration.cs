using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ZhiPingQuan.Domain.Organisations;

namespace ZhiPingQuan.Web.Data.Configurations;

public sealed class EnterpriseAccountRequestConfiguration : IEntityTypeConfiguration<EnterpriseAccountRequest>
{
    public void Configure(EntityTypeBuilder<EnterpriseAccountRequest> b)
    {
        b.ToTable("EnterpriseAccountRequests");
        b.Property(r => r.CreditCode).HasMaxLength(18).IsRequired();
        b.Property(r => r.EnterpriseName).HasMaxLength(Organisation.MaxNameLength).IsRequired();
        b.Property(r => r.ContactName).HasMaxLength(ContactRules.MaxNameLength).IsRequired();
        b.Property(r => r.ContactPhone).HasMaxLength(ContactRules.MaxPhoneLength);
        b.Property(r => r.Email).HasMaxLength(ContactRules.MaxEmailLength).IsRequired();
        b.Property(r => r.DecidedBy).HasMaxLength(100);
        b.Property(r => r.RejectionReason).HasMaxLength(EnterpriseAccountRequest.MaxReasonLength);
        b.HasOne<Enterprise>().WithMany().HasForeignKey(r => r.EnterpriseId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<RecommendingUnit>().WithMany().HasForeignKey(r => r.RecommendingUnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(r => new { r.RecommendingUnitId, r.State });
        b.HasIndex(r => r.EnterpriseId);
    }
}
