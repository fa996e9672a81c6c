using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace ZhiPingQuan.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AspNetRoles",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    NormalizedName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    ConcurrencyStamp = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetRoles", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AuditEntries",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    AtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UserId = table.Column<Guid>(type: "uuid", nullable: true),
                    UserName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: true),
                    OrganisationName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Action = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    RecordType = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    RecordId = table.Column<Guid>(type: "uuid", nullable: true),
                    Before = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    After = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    Detail = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    RemoteAddress = table.Column<string>(type: "character varying(64)", unicode: false, maxLength: 64, nullable: true),
                    Version = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuditEntries", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "CreditCodeExceptions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Code = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: false),
                    Reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    RegisteredBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    AtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CreditCodeExceptions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "DataProtectionKeys",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    FriendlyName = table.Column<string>(type: "text", nullable: true),
                    Xml = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DataProtectionKeys", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "DistrictEvaluations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    RecommendingUnitId = table.Column<Guid>(type: "uuid", nullable: false),
                    ProgrammeYearId = table.Column<Guid>(type: "uuid", nullable: false),
                    State = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    IndicatorsComputedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CommissionScore = table.Column<decimal>(type: "numeric(5,2)", precision: 5, scale: 2, nullable: true),
                    Remarks = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    PublishedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    PublishedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Indicators_AboveSizeCount = table.Column<int>(type: "integer", nullable: false),
                    Indicators_ApplicationCount = table.Column<int>(type: "integer", nullable: false),
                    Indicators_AssessedCount = table.Column<int>(type: "integer", nullable: false),
                    Indicators_CoveragePercent = table.Column<decimal>(type: "numeric(7,2)", precision: 7, scale: 2, nullable: true),
                    Indicators_FirstPassCount = table.Column<int>(type: "integer", nullable: false),
                    Indicators_FirstPassRatePercent = table.Column<decimal>(type: "numeric(7,2)", precision: 7, scale: 2, nullable: true),
                    Indicators_FollowUpCount = table.Column<int>(type: "integer", nullable: false),
                    Indicators_RecommendedCount = table.Column<int>(type: "integer", nullable: false),
                    Indicators_RedemptionCount = table.Column<int>(type: "integer", nullable: false),
                    Indicators_ReturnCount = table.Column<int>(type: "integer", nullable: false),
                    Indicators_TablesExpected = table.Column<int>(type: "integer", nullable: false),
                    Indicators_TablesSubmittedOnTime = table.Column<int>(type: "integer", nullable: false),
                    Indicators_UpgradeFollowUpRatePercent = table.Column<decimal>(type: "numeric(7,2)", precision: 7, scale: 2, nullable: true),
                    Version = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DistrictEvaluations", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Notifications",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    RecipientUserId = table.Column<Guid>(type: "uuid", nullable: true),
                    RecipientOrganisationId = table.Column<Guid>(type: "uuid", nullable: true),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Body = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    Link = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    CreatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ReadAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Version = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Notifications", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Organisations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Kind = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    IsActive = table.Column<bool>(type: "boolean", nullable: false),
                    Discriminator = table.Column<string>(type: "character varying(21)", maxLength: 21, nullable: false),
                    EnterpriseCreditCode = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: true),
                    Industry = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    IndustryTags = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    AnnualOutputWanYuan = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: true),
                    Address = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    ContactName = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    ContactPhone = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    ContactEmail = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    EnterpriseRecommendingUnitId = table.Column<Guid>(type: "uuid", nullable: true),
                    UnitCode = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: true),
                    UnitSortOrder = table.Column<int>(type: "integer", nullable: true),
                    AgencyCreditCode = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: true),
                    AgencyLevel = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    AgencyRecommendingUnitId = table.Column<Guid>(type: "uuid", nullable: true),
                    AgencyInCatalogue = table.Column<bool>(type: "boolean", nullable: true),
                    AgencyValidFrom = table.Column<DateOnly>(type: "date", nullable: true),
                    AgencyValidTo = table.Column<DateOnly>(type: "date", nullable: true),
                    Version = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Organisations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Organisations_Organisations_AgencyRecommendingUnitId",
                        column: x => x.AgencyRecommendingUnitId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Organisations_Organisations_EnterpriseRecommendingUnitId",
                        column: x => x.EnterpriseRecommendingUnitId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "OutboxEmails",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    To = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    Subject = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Body = table.Column<string>(type: "text", nullable: false),
                    State = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Attempts = table.Column<int>(type: "integer", nullable: false),
                    NextAttemptAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    SentAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    LastError = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    Version = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OutboxEmails", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ProgrammeYears",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    StandardAmount = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    BudgetCap = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: true),
                    Version = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProgrammeYears", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SmartFactoryLevels",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    SortOrder = table.Column<int>(type: "integer", nullable: false),
                    MinimumMaturityLevel = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    IsActive = table.Column<bool>(type: "boolean", nullable: false),
                    Version = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SmartFactoryLevels", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "StoredFiles",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OwnerOrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    OriginalFileName = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    ContentType = table.Column<string>(type: "character varying(150)", maxLength: 150, nullable: false),
                    SizeBytes = table.Column<long>(type: "bigint", nullable: false),
                    Sha256 = table.Column<string>(type: "character(64)", unicode: false, fixedLength: true, maxLength: 64, nullable: false),
                    StorageKey = table.Column<string>(type: "character varying(500)", unicode: false, maxLength: 500, nullable: false),
                    UploadedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    AtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    PreviousVersionId = table.Column<Guid>(type: "uuid", nullable: true),
                    VersionNumber = table.Column<int>(type: "integer", nullable: false),
                    Version = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StoredFiles", x => x.Id);
                    table.ForeignKey(
                        name: "FK_StoredFiles_StoredFiles_PreviousVersionId",
                        column: x => x.PreviousVersionId,
                        principalTable: "StoredFiles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "SummaryTables",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CurrentMarker = table.Column<bool>(type: "boolean", nullable: true),
                    RecommendingUnitId = table.Column<Guid>(type: "uuid", nullable: false),
                    BatchId = table.Column<Guid>(type: "uuid", nullable: false),
                    Revision = table.Column<int>(type: "integer", nullable: false),
                    PreviousRevisionId = table.Column<Guid>(type: "uuid", nullable: true),
                    IsCurrent = table.Column<bool>(type: "boolean", nullable: false),
                    State = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    SubmittedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    SubmittedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    SubmittedContentHash = table.Column<string>(type: "character varying(64)", unicode: false, maxLength: 64, nullable: true),
                    VerificationCode = table.Column<string>(type: "character varying(12)", unicode: false, maxLength: 12, nullable: true),
                    ReopenedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ReopenedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    ReopenReason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    Version = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SummaryTables", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SummaryTables_SummaryTables_PreviousRevisionId",
                        column: x => x.PreviousRevisionId,
                        principalTable: "SummaryTables",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "UpgradeRecords",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    EnterpriseId = table.Column<Guid>(type: "uuid", nullable: false),
                    RecommendingUnitId = table.Column<Guid>(type: "uuid", nullable: false),
                    ProgrammeYearId = table.Column<Guid>(type: "uuid", nullable: false),
                    ProblemsFound = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_UpgradeRecords", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AspNetRoleClaims",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    RoleId = table.Column<Guid>(type: "uuid", nullable: false),
                    ClaimType = table.Column<string>(type: "text", nullable: true),
                    ClaimValue = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetRoleClaims", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AspNetRoleClaims_AspNetRoles_RoleId",
                        column: x => x.RoleId,
                        principalTable: "AspNetRoles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUsers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    DisplayName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    MustChangePassword = table.Column<bool>(type: "boolean", nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    LastSignInAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    UserName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    NormalizedUserName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    Email = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    NormalizedEmail = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    EmailConfirmed = table.Column<bool>(type: "boolean", nullable: false),
                    PasswordHash = table.Column<string>(type: "text", nullable: true),
                    SecurityStamp = table.Column<string>(type: "text", nullable: true),
                    ConcurrencyStamp = table.Column<string>(type: "text", nullable: true),
                    PhoneNumber = table.Column<string>(type: "text", nullable: true),
                    PhoneNumberConfirmed = table.Column<bool>(type: "boolean", nullable: false),
                    TwoFactorEnabled = table.Column<bool>(type: "boolean", nullable: false),
                    LockoutEnd = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    LockoutEnabled = table.Column<bool>(type: "boolean", nullable: false),
                    AccessFailedCount = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUsers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AspNetUsers_Organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Batches",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ProgrammeYearId = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    Sequence = table.Column<int>(type: "integer", nullable: false),
                    Deadline = table.Column<DateOnly>(type: "date", nullable: false),
                    Version = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Batches", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Batches_ProgrammeYears_ProgrammeYearId",
                        column: x => x.ProgrammeYearId,
                        principalTable: "ProgrammeYears",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "UnitYearSettings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    RecommendingUnitId = table.Column<Guid>(type: "uuid", nullable: false),
                    ProgrammeYearId = table.Column<Guid>(type: "uuid", nullable: false),
                    AboveSizeEnterpriseCount = table.Column<int>(type: "integer", nullable: false),
                    FocusIndustries = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Version = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_UnitYearSettings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_UnitYearSettings_Organisations_RecommendingUnitId",
                        column: x => x.RecommendingUnitId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_UnitYearSettings_ProgrammeYears_ProgrammeYearId",
                        column: x => x.ProgrammeYearId,
                        principalTable: "ProgrammeYears",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "QuotaApplications",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    EnterpriseId = table.Column<Guid>(type: "uuid", nullable: false),
                    ProgrammeYearId = table.Column<Guid>(type: "uuid", nullable: false),
                    BatchId = table.Column<Guid>(type: "uuid", nullable: false),
                    RecommendingUnitId = table.Column<Guid>(type: "uuid", nullable: false),
                    AssessmentId = table.Column<Guid>(type: "uuid", nullable: false),
                    AgencyId = table.Column<Guid>(type: "uuid", nullable: false),
                    State = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ContactPerson = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    ContactPhone = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    ContactEmail = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    ReportFileId = table.Column<Guid>(type: "uuid", nullable: true),
                    EnterpriseName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    CreditCode = table.Column<string>(type: "character(18)", unicode: false, fixedLength: true, maxLength: 18, nullable: false),
                    MaturityScore = table.Column<decimal>(type: "numeric(4,2)", precision: 4, scale: 2, nullable: false),
                    MaturityLevel = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    SmartFactoryLevelName = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    SubmittedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    LastSubmittedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    DecidedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    WithdrawnAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    WithdrawReason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    IsRevised = table.Column<bool>(type: "boolean", nullable: false),
                    Version = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_QuotaApplications", x => x.Id);
                    table.ForeignKey(
                        name: "FK_QuotaApplications_StoredFiles_ReportFileId",
                        column: x => x.ReportFileId,
                        principalTable: "StoredFiles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "SummaryTableRows",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    SummaryTableId = table.Column<Guid>(type: "uuid", nullable: false),
                    SequenceNo = table.Column<int>(type: "integer", nullable: false),
                    EnterpriseId = table.Column<Guid>(type: "uuid", nullable: false),
                    AssessmentId = table.Column<Guid>(type: "uuid", nullable: false),
                    EnterpriseName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    CreditCode = table.Column<string>(type: "character(18)", unicode: false, fixedLength: true, maxLength: 18, nullable: false),
                    KeyIndustry = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    MaturityScore = table.Column<decimal>(type: "numeric(4,2)", precision: 4, scale: 2, nullable: false),
                    SmartFactoryLevelName = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    Contact = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Version = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SummaryTableRows", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SummaryTableRows_SummaryTables_SummaryTableId",
                        column: x => x.SummaryTableId,
                        principalTable: "SummaryTables",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SummaryTableSeals",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    SummaryTableId = table.Column<Guid>(type: "uuid", nullable: false),
                    Party = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    SealedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganisationName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    AtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ContentHash = table.Column<string>(type: "character(64)", unicode: false, fixedLength: true, maxLength: 64, nullable: false),
                    VoidedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Version = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SummaryTableSeals", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SummaryTableSeals_SummaryTables_SummaryTableId",
                        column: x => x.SummaryTableId,
                        principalTable: "SummaryTables",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "FollowUpProjects",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    UpgradeRecordId = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Link = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ContractAmountWan = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: true),
                    Status = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    StartDate = table.Column<DateOnly>(type: "date", nullable: true),
                    EndDate = table.Column<DateOnly>(type: "date", nullable: true),
                    Version = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FollowUpProjects", x => x.Id);
                    table.ForeignKey(
                        name: "FK_FollowUpProjects_UpgradeRecords_UpgradeRecordId",
                        column: x => x.UpgradeRecordId,
                        principalTable: "UpgradeRecords",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserClaims",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    UserId = table.Column<Guid>(type: "uuid", nullable: false),
                    ClaimType = table.Column<string>(type: "text", nullable: true),
                    ClaimValue = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserClaims", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AspNetUserClaims_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserLogins",
                columns: table => new
                {
                    LoginProvider = table.Column<string>(type: "text", nullable: false),
                    ProviderKey = table.Column<string>(type: "text", nullable: false),
                    ProviderDisplayName = table.Column<string>(type: "text", nullable: true),
                    UserId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserLogins", x => new { x.LoginProvider, x.ProviderKey });
                    table.ForeignKey(
                        name: "FK_AspNetUserLogins_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserRoles",
                columns: table => new
                {
                    UserId = table.Column<Guid>(type: "uuid", nullable: false),
                    RoleId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserRoles", x => new { x.UserId, x.RoleId });
                    table.ForeignKey(
                        name: "FK_AspNetUserRoles_AspNetRoles_RoleId",
                        column: x => x.RoleId,
                        principalTable: "AspNetRoles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_AspNetUserRoles_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserTokens",
                columns: table => new
                {
                    UserId = table.Column<Guid>(type: "uuid", nullable: false),
                    LoginProvider = table.Column<string>(type: "text", nullable: false),
                    Name = table.Column<string>(type: "text", nullable: false),
                    Value = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserTokens", x => new { x.UserId, x.LoginProvider, x.Name });
                    table.ForeignKey(
                        name: "FK_AspNetUserTokens_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "BatchDeadlineExtensions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OldDeadline = table.Column<DateOnly>(type: "date", nullable: false),
                    NewDeadline = table.Column<DateOnly>(type: "date", nullable: false),
                    Reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    ByUserName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    AtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    BatchId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BatchDeadlineExtensions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_BatchDeadlineExtensions_Batches_BatchId",
                        column: x => x.BatchId,
                        principalTable: "Batches",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Recommendations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    EnterpriseId = table.Column<Guid>(type: "uuid", nullable: false),
                    RecommendingUnitId = table.Column<Guid>(type: "uuid", nullable: false),
                    ProgrammeYearId = table.Column<Guid>(type: "uuid", nullable: false),
                    BatchId = table.Column<Guid>(type: "uuid", nullable: false),
                    State = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    DistrictFundedOnly = table.Column<bool>(type: "boolean", nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    RecommendedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    RecommendedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    WithdrawnAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    WithdrawnBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    WithdrawalReason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    AssessedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ListedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ListedInSummaryTableId = table.Column<Guid>(type: "uuid", nullable: true),
                    Version = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Recommendations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Recommendations_Batches_BatchId",
                        column: x => x.BatchId,
                        principalTable: "Batches",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Recommendations_Organisations_EnterpriseId",
                        column: x => x.EnterpriseId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Recommendations_Organisations_RecommendingUnitId",
                        column: x => x.RecommendingUnitId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Recommendations_ProgrammeYears_ProgrammeYearId",
                        column: x => x.ProgrammeYearId,
                        principalTable: "ProgrammeYears",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "EvidenceItems",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    QuotaApplicationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    FileId = table.Column<Guid>(type: "uuid", nullable: false),
                    PreviousFileId = table.Column<Guid>(type: "uuid", nullable: true),
                    AddedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ReplacedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ContractAmountWan = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: true),
                    ContractLink = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    ContractDate = table.Column<DateOnly>(type: "date", nullable: true),
                    Version = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EvidenceItems", x => x.Id);
                    table.ForeignKey(
                        name: "FK_EvidenceItems_QuotaApplications_QuotaApplicationId",
                        column: x => x.QuotaApplicationId,
                        principalTable: "QuotaApplications",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_EvidenceItems_StoredFiles_FileId",
                        column: x => x.FileId,
                        principalTable: "StoredFiles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_EvidenceItems_StoredFiles_PreviousFileId",
                        column: x => x.PreviousFileId,
                        principalTable: "StoredFiles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Redemptions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ApplicationId = table.Column<Guid>(type: "uuid", nullable: false),
                    EnterpriseId = table.Column<Guid>(type: "uuid", nullable: false),
                    ProgrammeYearId = table.Column<Guid>(type: "uuid", nullable: false),
                    BatchId = table.Column<Guid>(type: "uuid", nullable: false),
                    RecommendingUnitId = table.Column<Guid>(type: "uuid", nullable: false),
                    AgencyId = table.Column<Guid>(type: "uuid", nullable: false),
                    Amount = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    State = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ApprovedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ApprovedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    DeclinedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    DeclinedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    DeclineReason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    PaidOn = table.Column<DateOnly>(type: "date", nullable: true),
                    PaymentReference = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    PaymentRecordedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    PaymentRecordedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Version = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Redemptions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Redemptions_QuotaApplications_ApplicationId",
                        column: x => x.ApplicationId,
                        principalTable: "QuotaApplications",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "SupplementRequests",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    QuotaApplicationId = table.Column<Guid>(type: "uuid", nullable: false),
                    SequenceNo = table.Column<int>(type: "integer", nullable: false),
                    DueDate = table.Column<DateOnly>(type: "date", nullable: false),
                    RequestedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    RequestedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ResubmittedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ChangesText = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    Version = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SupplementRequests", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SupplementRequests_QuotaApplications_QuotaApplicationId",
                        column: x => x.QuotaApplicationId,
                        principalTable: "QuotaApplications",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Assessments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    RecommendationId = table.Column<Guid>(type: "uuid", nullable: false),
                    EnterpriseId = table.Column<Guid>(type: "uuid", nullable: false),
                    AgencyId = table.Column<Guid>(type: "uuid", nullable: false),
                    RecommendingUnitId = table.Column<Guid>(type: "uuid", nullable: false),
                    ProgrammeYearId = table.Column<Guid>(type: "uuid", nullable: false),
                    BatchId = table.Column<Guid>(type: "uuid", nullable: false),
                    State = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    AssignedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    AssignedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    EnterpriseConfirmedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    EnterpriseConfirmedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    ConflictDeclared = table.Column<bool>(type: "boolean", nullable: true),
                    ConflictStatement = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    ConflictDeclaredAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ConflictDeclaredBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    StartedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    StandardEditions = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    StartDate = table.Column<DateOnly>(type: "date", nullable: true),
                    SiteVisitDate = table.Column<DateOnly>(type: "date", nullable: true),
                    Assessors = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    Score = table.Column<decimal>(type: "numeric(4,2)", precision: 4, scale: 2, nullable: true),
                    StatedLevel = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    SmartFactoryLevelId = table.Column<Guid>(type: "uuid", nullable: true),
                    SmartFactoryLevelName = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    ReportFileId = table.Column<Guid>(type: "uuid", nullable: true),
                    ReportVersion = table.Column<int>(type: "integer", nullable: false),
                    ReportSubmittedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ReportSubmittedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    PreAssessmentDoneAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    FormalAssessmentDoneAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ResultPublishedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ComplianceConfirmedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ComplianceConfirmedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    DistrictConfirmedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    DistrictConfirmedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    LevelScore5 = table.Column<decimal>(type: "numeric(3,2)", precision: 3, scale: 2, nullable: true),
                    LevelScore4 = table.Column<decimal>(type: "numeric(3,2)", precision: 3, scale: 2, nullable: true),
                    LevelScore1 = table.Column<decimal>(type: "numeric(3,2)", precision: 3, scale: 2, nullable: true),
                    LevelScore3 = table.Column<decimal>(type: "numeric(3,2)", precision: 3, scale: 2, nullable: true),
                    LevelScore2 = table.Column<decimal>(type: "numeric(3,2)", precision: 3, scale: 2, nullable: true),
                    Version = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Assessments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Assessments_Batches_BatchId",
                        column: x => x.BatchId,
                        principalTable: "Batches",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Assessments_Organisations_AgencyId",
                        column: x => x.AgencyId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Assessments_Organisations_EnterpriseId",
                        column: x => x.EnterpriseId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Assessments_Organisations_RecommendingUnitId",
                        column: x => x.RecommendingUnitId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Assessments_ProgrammeYears_ProgrammeYearId",
                        column: x => x.ProgrammeYearId,
                        principalTable: "ProgrammeYears",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Assessments_Recommendations_RecommendationId",
                        column: x => x.RecommendationId,
                        principalTable: "Recommendations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Assessments_SmartFactoryLevels_SmartFactoryLevelId",
                        column: x => x.SmartFactoryLevelId,
                        principalTable: "SmartFactoryLevels",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "RecommendationBases",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Basis = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Description = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    RecommendationId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RecommendationBases", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RecommendationBases_Recommendations_RecommendationId",
                        column: x => x.RecommendationId,
                        principalTable: "Recommendations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "TransformationContracts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    AmountWanYuan = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    Link = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Description = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    RecommendationId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TransformationContracts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TransformationContracts_Recommendations_RecommendationId",
                        column: x => x.RecommendationId,
                        principalTable: "Recommendations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ReviewDecisions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ApplicationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Reason = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    Reviewer = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    AtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    SupplementRequestId = table.Column<Guid>(type: "uuid", nullable: true),
                    Version = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReviewDecisions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ReviewDecisions_QuotaApplications_ApplicationId",
                        column: x => x.ApplicationId,
                        principalTable: "QuotaApplications",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ReviewDecisions_SupplementRequests_SupplementRequestId",
                        column: x => x.SupplementRequestId,
                        principalTable: "SupplementRequests",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "SupplementRequestItems",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    SupplementRequestId = table.Column<Guid>(type: "uuid", nullable: false),
                    SequenceNo = table.Column<int>(type: "integer", nullable: false),
                    Subject = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    EvidenceItemId = table.Column<Guid>(type: "uuid", nullable: true),
                    Version = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SupplementRequestItems", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SupplementRequestItems_SupplementRequests_SupplementRequest~",
                        column: x => x.SupplementRequestId,
                        principalTable: "SupplementRequests",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AssessmentAssignmentChanges",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    FromAgencyId = table.Column<Guid>(type: "uuid", nullable: false),
                    ToAgencyId = table.Column<Guid>(type: "uuid", nullable: false),
                    Reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    ByUserName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    AtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    AssessmentId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AssessmentAssignmentChanges", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AssessmentAssignmentChanges_Assessments_AssessmentId",
                        column: x => x.AssessmentId,
                        principalTable: "Assessments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_AssessmentAssignmentChanges_Organisations_FromAgencyId",
                        column: x => x.FromAgencyId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_AssessmentAssignmentChanges_Organisations_ToAgencyId",
                        column: x => x.ToAgencyId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "AssessmentReturns",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ReportVersion = table.Column<int>(type: "integer", nullable: false),
                    Reasons = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    ByUserName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    AtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    AssessmentId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AssessmentReturns", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AssessmentReturns_Assessments_AssessmentId",
                        column: x => x.AssessmentId,
                        principalTable: "Assessments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AspNetRoleClaims_RoleId",
                table: "AspNetRoleClaims",
                column: "RoleId");

            migrationBuilder.CreateIndex(
                name: "RoleNameIndex",
                table: "AspNetRoles",
                column: "NormalizedName",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUserClaims_UserId",
                table: "AspNetUserClaims",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUserLogins_UserId",
                table: "AspNetUserLogins",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUserRoles_RoleId",
                table: "AspNetUserRoles",
                column: "RoleId");

            migrationBuilder.CreateIndex(
                name: "EmailIndex",
                table: "AspNetUsers",
                column: "NormalizedEmail");

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUsers_OrganisationId",
                table: "AspNetUsers",
                column: "OrganisationId");

            migrationBuilder.CreateIndex(
                name: "UserNameIndex",
                table: "AspNetUsers",
                column: "NormalizedUserName",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AssessmentAssignmentChanges_AssessmentId",
                table: "AssessmentAssignmentChanges",
                column: "AssessmentId");

            migrationBuilder.CreateIndex(
                name: "IX_AssessmentAssignmentChanges_FromAgencyId",
                table: "AssessmentAssignmentChanges",
                column: "FromAgencyId");

            migrationBuilder.CreateIndex(
                name: "IX_AssessmentAssignmentChanges_ToAgencyId",
                table: "AssessmentAssignmentChanges",
                column: "ToAgencyId");

            migrationBuilder.CreateIndex(
                name: "IX_AssessmentReturns_AssessmentId",
                table: "AssessmentReturns",
                column: "AssessmentId");

            migrationBuilder.CreateIndex(
                name: "IX_Assessments_AgencyId",
                table: "Assessments",
                column: "AgencyId");

            migrationBuilder.CreateIndex(
                name: "IX_Assessments_BatchId",
                table: "Assessments",
                column: "BatchId");

            migrationBuilder.CreateIndex(
                name: "IX_Assessments_EnterpriseId",
                table: "Assessments",
                column: "EnterpriseId");

            migrationBuilder.CreateIndex(
                name: "IX_Assessments_ProgrammeYearId",
                table: "Assessments",
                column: "ProgrammeYearId");

            migrationBuilder.CreateIndex(
                name: "IX_Assessments_RecommendationId",
                table: "Assessments",
                column: "RecommendationId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Assessments_RecommendingUnitId",
                table: "Assessments",
                column: "RecommendingUnitId");

            migrationBuilder.CreateIndex(
                name: "IX_Assessments_SmartFactoryLevelId",
                table: "Assessments",
                column: "SmartFactoryLevelId");

            migrationBuilder.CreateIndex(
                name: "IX_Assessments_State",
                table: "Assessments",
                column: "State");

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_AtUtc",
                table: "AuditEntries",
                column: "AtUtc");

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_OrganisationId",
                table: "AuditEntries",
                column: "OrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_RecordId",
                table: "AuditEntries",
                column: "RecordId");

            migrationBuilder.CreateIndex(
                name: "IX_BatchDeadlineExtensions_BatchId",
                table: "BatchDeadlineExtensions",
                column: "BatchId");

            migrationBuilder.CreateIndex(
                name: "IX_Batches_ProgrammeYearId_Name",
                table: "Batches",
                columns: new[] { "ProgrammeYearId", "Name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Batches_ProgrammeYearId_Sequence",
                table: "Batches",
                columns: new[] { "ProgrammeYearId", "Sequence" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CreditCodeExceptions_Code",
                table: "CreditCodeExceptions",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_DistrictEvaluations_ProgrammeYearId_State",
                table: "DistrictEvaluations",
                columns: new[] { "ProgrammeYearId", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_DistrictEvaluations_RecommendingUnitId_ProgrammeYearId",
                table: "DistrictEvaluations",
                columns: new[] { "RecommendingUnitId", "ProgrammeYearId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_EvidenceItems_FileId",
                table: "EvidenceItems",
                column: "FileId");

            migrationBuilder.CreateIndex(
                name: "IX_EvidenceItems_PreviousFileId",
                table: "EvidenceItems",
                column: "PreviousFileId");

            migrationBuilder.CreateIndex(
                name: "IX_EvidenceItems_QuotaApplicationId",
                table: "EvidenceItems",
                column: "QuotaApplicationId");

            migrationBuilder.CreateIndex(
                name: "IX_FollowUpProjects_Status",
                table: "FollowUpProjects",
                column: "Status");

            migrationBuilder.CreateIndex(
                name: "IX_FollowUpProjects_UpgradeRecordId",
                table: "FollowUpProjects",
                column: "UpgradeRecordId");

            migrationBuilder.CreateIndex(
                name: "IX_Notifications_CreatedAtUtc",
                table: "Notifications",
                column: "CreatedAtUtc");

            migrationBuilder.CreateIndex(
                name: "IX_Notifications_RecipientOrganisationId_ReadAtUtc",
                table: "Notifications",
                columns: new[] { "RecipientOrganisationId", "ReadAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_Notifications_RecipientUserId_ReadAtUtc",
                table: "Notifications",
                columns: new[] { "RecipientUserId", "ReadAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_Organisations_AgencyCreditCode",
                table: "Organisations",
                column: "AgencyCreditCode",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Organisations_AgencyLevel",
                table: "Organisations",
                column: "AgencyLevel");

            migrationBuilder.CreateIndex(
                name: "IX_Organisations_AgencyRecommendingUnitId",
                table: "Organisations",
                column: "AgencyRecommendingUnitId");

            migrationBuilder.CreateIndex(
                name: "IX_Organisations_EnterpriseCreditCode",
                table: "Organisations",
                column: "EnterpriseCreditCode",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Organisations_EnterpriseRecommendingUnitId",
                table: "Organisations",
                column: "EnterpriseRecommendingUnitId");

            migrationBuilder.CreateIndex(
                name: "IX_Organisations_Industry",
                table: "Organisations",
                column: "Industry");

            migrationBuilder.CreateIndex(
                name: "IX_Organisations_Kind",
                table: "Organisations",
                column: "Kind");

            migrationBuilder.CreateIndex(
                name: "IX_Organisations_Name",
                table: "Organisations",
                column: "Name");

            migrationBuilder.CreateIndex(
                name: "IX_Organisations_UnitCode",
                table: "Organisations",
                column: "UnitCode",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_OutboxEmails_CreatedAtUtc",
                table: "OutboxEmails",
                column: "CreatedAtUtc");

            migrationBuilder.CreateIndex(
                name: "IX_OutboxEmails_State_NextAttemptAtUtc",
                table: "OutboxEmails",
                columns: new[] { "State", "NextAttemptAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_ProgrammeYears_Year",
                table: "ProgrammeYears",
                column: "Year",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_QuotaApplications_AgencyId",
                table: "QuotaApplications",
                column: "AgencyId");

            migrationBuilder.CreateIndex(
                name: "IX_QuotaApplications_AssessmentId",
                table: "QuotaApplications",
                column: "AssessmentId");

            migrationBuilder.CreateIndex(
                name: "IX_QuotaApplications_BatchId",
                table: "QuotaApplications",
                column: "BatchId");

            migrationBuilder.CreateIndex(
                name: "IX_QuotaApplications_EnterpriseId_ProgrammeYearId",
                table: "QuotaApplications",
                columns: new[] { "EnterpriseId", "ProgrammeYearId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_QuotaApplications_ProgrammeYearId",
                table: "QuotaApplications",
                column: "ProgrammeYearId");

            migrationBuilder.CreateIndex(
                name: "IX_QuotaApplications_RecommendingUnitId",
                table: "QuotaApplications",
                column: "RecommendingUnitId");

            migrationBuilder.CreateIndex(
                name: "IX_QuotaApplications_ReportFileId",
                table: "QuotaApplications",
                column: "ReportFileId");

            migrationBuilder.CreateIndex(
                name: "IX_QuotaApplications_State",
                table: "QuotaApplications",
                column: "State");

            migrationBuilder.CreateIndex(
                name: "IX_RecommendationBases_RecommendationId",
                table: "RecommendationBases",
                column: "RecommendationId");

            migrationBuilder.CreateIndex(
                name: "IX_Recommendations_BatchId",
                table: "Recommendations",
                column: "BatchId");

            migrationBuilder.CreateIndex(
                name: "IX_Recommendations_EnterpriseId_ProgrammeYearId",
                table: "Recommendations",
                columns: new[] { "EnterpriseId", "ProgrammeYearId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Recommendations_ProgrammeYearId",
                table: "Recommendations",
                column: "ProgrammeYearId");

            migrationBuilder.CreateIndex(
                name: "IX_Recommendations_RecommendingUnitId",
                table: "Recommendations",
                column: "RecommendingUnitId");

            migrationBuilder.CreateIndex(
                name: "IX_Recommendations_State",
                table: "Recommendations",
                column: "State");

            migrationBuilder.CreateIndex(
                name: "IX_Redemptions_AgencyId",
                table: "Redemptions",
                column: "AgencyId");

            migrationBuilder.CreateIndex(
                name: "IX_Redemptions_ApplicationId",
                table: "Redemptions",
                column: "ApplicationId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Redemptions_BatchId",
                table: "Redemptions",
                column: "BatchId");

            migrationBuilder.CreateIndex(
                name: "IX_Redemptions_EnterpriseId_ProgrammeYearId",
                table: "Redemptions",
                columns: new[] { "EnterpriseId", "ProgrammeYearId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Redemptions_ProgrammeYearId_State",
                table: "Redemptions",
                columns: new[] { "ProgrammeYearId", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_Redemptions_RecommendingUnitId",
                table: "Redemptions",
                column: "RecommendingUnitId");

            migrationBuilder.CreateIndex(
                name: "IX_Redemptions_State",
                table: "Redemptions",
                column: "State");

            migrationBuilder.CreateIndex(
                name: "IX_ReviewDecisions_ApplicationId_AtUtc",
                table: "ReviewDecisions",
                columns: new[] { "ApplicationId", "AtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_ReviewDecisions_Kind",
                table: "ReviewDecisions",
                column: "Kind");

            migrationBuilder.CreateIndex(
                name: "IX_ReviewDecisions_SupplementRequestId",
                table: "ReviewDecisions",
                column: "SupplementRequestId");

            migrationBuilder.CreateIndex(
                name: "IX_SmartFactoryLevels_Name",
                table: "SmartFactoryLevels",
                column: "Name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_StoredFiles_OwnerOrganisationId",
                table: "StoredFiles",
                column: "OwnerOrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_StoredFiles_PreviousVersionId",
                table: "StoredFiles",
                column: "PreviousVersionId");

            migrationBuilder.CreateIndex(
                name: "IX_StoredFiles_Sha256",
                table: "StoredFiles",
                column: "Sha256");

            migrationBuilder.CreateIndex(
                name: "IX_StoredFiles_StorageKey",
                table: "StoredFiles",
                column: "StorageKey",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SummaryTableRows_AssessmentId",
                table: "SummaryTableRows",
                column: "AssessmentId");

            migrationBuilder.CreateIndex(
                name: "IX_SummaryTableRows_EnterpriseId",
                table: "SummaryTableRows",
                column: "EnterpriseId");

            migrationBuilder.CreateIndex(
                name: "IX_SummaryTableRows_SummaryTableId_EnterpriseId",
                table: "SummaryTableRows",
                columns: new[] { "SummaryTableId", "EnterpriseId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SummaryTableRows_SummaryTableId_SequenceNo",
                table: "SummaryTableRows",
                columns: new[] { "SummaryTableId", "SequenceNo" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SummaryTables_BatchId",
                table: "SummaryTables",
                column: "BatchId");

            migrationBuilder.CreateIndex(
                name: "IX_SummaryTables_PreviousRevisionId",
                table: "SummaryTables",
                column: "PreviousRevisionId");

            migrationBuilder.CreateIndex(
                name: "IX_SummaryTables_RecommendingUnitId_BatchId_Revision",
                table: "SummaryTables",
                columns: new[] { "RecommendingUnitId", "BatchId", "Revision" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SummaryTables_State",
                table: "SummaryTables",
                column: "State");

            migrationBuilder.CreateIndex(
                name: "IX_SummaryTables_VerificationCode",
                table: "SummaryTables",
                column: "VerificationCode",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "UX_SummaryTables_CurrentRevision",
                table: "SummaryTables",
                columns: new[] { "RecommendingUnitId", "BatchId", "CurrentMarker" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SummaryTableSeals_OrganisationId",
                table: "SummaryTableSeals",
                column: "OrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_SummaryTableSeals_SummaryTableId",
                table: "SummaryTableSeals",
                column: "SummaryTableId");

            migrationBuilder.CreateIndex(
                name: "IX_SupplementRequestItems_SupplementRequestId_SequenceNo",
                table: "SupplementRequestItems",
                columns: new[] { "SupplementRequestId", "SequenceNo" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SupplementRequests_DueDate",
                table: "SupplementRequests",
                column: "DueDate");

            migrationBuilder.CreateIndex(
                name: "IX_SupplementRequests_QuotaApplicationId_SequenceNo",
                table: "SupplementRequests",
                columns: new[] { "QuotaApplicationId", "SequenceNo" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_TransformationContracts_RecommendationId",
                table: "TransformationContracts",
                column: "RecommendationId");

            migrationBuilder.CreateIndex(
                name: "IX_UnitYearSettings_ProgrammeYearId",
                table: "UnitYearSettings",
                column: "ProgrammeYearId");

            migrationBuilder.CreateIndex(
                name: "IX_UnitYearSettings_RecommendingUnitId_ProgrammeYearId",
                table: "UnitYearSettings",
                columns: new[] { "RecommendingUnitId", "ProgrammeYearId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_UpgradeRecords_EnterpriseId_ProgrammeYearId",
                table: "UpgradeRecords",
                columns: new[] { "EnterpriseId", "ProgrammeYearId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_UpgradeRecords_RecommendingUnitId_ProgrammeYearId",
                table: "UpgradeRecords",
                columns: new[] { "RecommendingUnitId", "ProgrammeYearId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AspNetRoleClaims");

            migrationBuilder.DropTable(
                name: "AspNetUserClaims");

            migrationBuilder.DropTable(
                name: "AspNetUserLogins");

            migrationBuilder.DropTable(
                name: "AspNetUserRoles");

            migrationBuilder.DropTable(
                name: "AspNetUserTokens");

            migrationBuilder.DropTable(
                name: "AssessmentAssignmentChanges");

            migrationBuilder.DropTable(
                name: "AssessmentReturns");

            migrationBuilder.DropTable(
                name: "AuditEntries");

            migrationBuilder.DropTable(
                name: "BatchDeadlineExtensions");

            migrationBuilder.DropTable(
                name: "CreditCodeExceptions");

            migrationBuilder.DropTable(
                name: "DataProtectionKeys");

            migrationBuilder.DropTable(
                name: "DistrictEvaluations");

            migrationBuilder.DropTable(
                name: "EvidenceItems");

            migrationBuilder.DropTable(
                name: "FollowUpProjects");

            migrationBuilder.DropTable(
                name: "Notifications");

            migrationBuilder.DropTable(
                name: "OutboxEmails");

            migrationBuilder.DropTable(
                name: "RecommendationBases");

            migrationBuilder.DropTable(
                name: "Redemptions");

            migrationBuilder.DropTable(
                name: "ReviewDecisions");

            migrationBuilder.DropTable(
                name: "SummaryTableRows");

            migrationBuilder.DropTable(
                name: "SummaryTableSeals");

            migrationBuilder.DropTable(
                name: "SupplementRequestItems");

            migrationBuilder.DropTable(
                name: "TransformationContracts");

            migrationBuilder.DropTable(
                name: "UnitYearSettings");

            migrationBuilder.DropTable(
                name: "AspNetRoles");

            migrationBuilder.DropTable(
                name: "AspNetUsers");

            migrationBuilder.DropTable(
                name: "Assessments");

            migrationBuilder.DropTable(
                name: "UpgradeRecords");

            migrationBuilder.DropTable(
                name: "SummaryTables");

            migrationBuilder.DropTable(
                name: "SupplementRequests");

            migrationBuilder.DropTable(
                name: "Recommendations");

            migrationBuilder.DropTable(
                name: "SmartFactoryLevels");

            migrationBuilder.DropTable(
                name: "QuotaApplications");

            migrationBuilder.DropTable(
                name: "Batches");

            migrationBuilder.DropTable(
                name: "Organisations");

            migrationBuilder.DropTable(
                name: "StoredFiles");

            migrationBuilder.DropTable(
                name: "ProgrammeYears");
        }
    }
}
