using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ZhiPingQuan.Domain.Applications;
using ZhiPingQuan.Domain.Reviews;

namespace ZhiPingQuan.Web.Data.Configurations.Outcomes;

public sealed class ReviewDecisionConfiguration : IEntityTypeConfiguration<ReviewDecision>
{
    public void Configure(EntityTypeBuilder<ReviewDecision> b)
    {
        b.ToTable("ReviewDecisions");
        b.Property(d => d.Reason).HasMaxLength(ReviewDecision.MaxReasonLength);
        b.Property(d => d.Reviewer).HasMaxLength(ReviewDecision.MaxReviewerLength).IsRequired();

        b.HasOne<QuotaApplication>().WithMany().HasForeignKey(d => d.ApplicationId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<SupplementRequest>().WithMany().HasForeignKey(d => d.SupplementRequestId).OnDelete(DeleteBehavior.Restrict);

        b.HasIndex(d => new { d.ApplicationId, d.AtUtc });
        b.HasIndex(d => d.Kind);
        b.HasIndex(d => d.SupplementRequestId);
    }
}
