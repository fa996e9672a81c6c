using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ZhiPingQuan.Domain.Assessments;
using ZhiPingQuan.Domain.Organisations;
using ZhiPingQuan.Domain.Programmes;
using ZhiPingQuan.Domain.Reference;

namespace ZhiPingQuan.Web.Data.Configurations.Lifecycle;

public sealed class AssessmentConfiguration : IEntityTypeConfiguration<Assessment>
{
    public void Configure(EntityTypeBuilder<Assessment> b)
    {
        b.ToTable("Assessments");

        // One assessment per recommendation; reassignment changes the agency on the same row.
        b.HasIndex(a => a.RecommendationId).IsUnique();
        b.HasIndex(a => a.EnterpriseId);
        b.HasIndex(a => a.AgencyId);
        b.HasIndex(a => a.RecommendingUnitId);
        b.HasIndex(a => a.BatchId);
        b.HasIndex(a => a.State);

        b.HasOne(a => a.Recommendation).WithMany().HasForeignKey(a => a.RecommendationId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(a => a.Enterprise).WithMany().HasForeignKey(a => a.EnterpriseId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(a => a.Agency).WithMany().HasForeignKey(a => a.AgencyId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<RecommendingUnit>().WithMany().HasForeignKey(a => a.RecommendingUnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<ProgrammeYear>().WithMany().HasForeignKey(a => a.ProgrammeYearId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Batch>().WithMany().HasForeignKey(a => a.BatchId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<SmartFactoryLevel>().WithMany().HasForeignKey(a => a.SmartFactoryLevelId).OnDelete(DeleteBehavior.Restrict);

        b.Property(a => a.AssignedBy).HasMaxLength(100).IsRequired();
        b.Property(a => a.EnterpriseConfirmedBy).HasMaxLength(100);
        b.Property(a => a.EnterpriseDeclinedBy).HasMaxLength(100);
        b.Property(a => a.EnterpriseDeclineReason).HasMaxLength(500);
        b.Property(a => a.ConflictStatement).HasMaxLength(1000);
        b.Property(a => a.ConflictDeclaredBy).HasMaxLength(100);
        b.Property(a => a.StandardEditions).HasMaxLength(200).IsRequired();
        b.Property(a => a.Assessors).HasMaxLength(500);
        b.Property(a => a.Score).HasConversion(LifecycleConverters.MaturityScore).HasPrecision(4, 2);
        b.Property(a => a.SmartFactoryLevelName).HasMaxLength(50);
        b.Property(a => a.ReportSubmittedBy).HasMaxLength(100);
        b.Property(a => a.ComplianceConfirmedBy).HasMaxLength(100);
        b.Property(a => a.DistrictConfirmedBy).HasMaxLength(100);

        b.ComplexProperty(a => a.LevelScores, c =>
        {
            c.Property(s => s.One).HasColumnName("LevelScore1").HasPrecision(3, 2);
            c.Property(s => s.Two).HasColumnName("LevelScore2").HasPrecision(3, 2);
            c.Property(s => s.Three).HasColumnName("LevelScore3").HasPrecision(3, 2);
            c.Property(s => s.Four).HasColumnName("LevelScore4").HasPrecision(3, 2);
            c.Property(s => s.Five).HasColumnName("LevelScore5").HasPrecision(3, 2);
        });

        b.Ignore(a => a.IsComplianceConfirmed);
        b.Ignore(a => a.AssessmentDate);
        b.Ignore(a => a.DerivedLevel);

        b.OwnsMany(a => a.AssignmentChanges, o =>
        {
            o.ToTable("AssessmentAssignmentChanges");
            o.WithOwner().HasForeignKey("AssessmentId");
            o.HasKey(x => x.Id);
            o.Property(x => x.Id).ValueGeneratedNever();
            o.Property(x => x.Reason).HasMaxLength(500).IsRequired();
            o.Property(x => x.ByUserName).HasMaxLength(100).IsRequired();
            o.HasOne<ServiceAgency>().WithMany().HasForeignKey(x => x.FromAgencyId).OnDelete(DeleteBehavior.Restrict);
            o.HasOne<ServiceAgency>().WithMany().HasForeignKey(x => x.ToAgencyId).OnDelete(DeleteBehavior.Restrict);
        });
        b.Navigation(a => a.AssignmentChanges).UsePropertyAccessMode(PropertyAccessMode.Field);

        b.OwnsMany(a => a.Returns, o =>
        {
            o.ToTable("AssessmentReturns");
            o.WithOwner().HasForeignKey("AssessmentId");
            o.HasKey(x => x.Id);
            o.Property(x => x.Id).ValueGeneratedNever();
            o.Property(x => x.Reasons).HasMaxLength(2000).IsRequired();
            o.Property(x => x.ByUserName).HasMaxLength(100).IsRequired();
        });
        b.Navigation(a => a.Returns).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}
