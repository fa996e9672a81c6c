using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ZhiPingQuan.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class RedemptionBudgetsAndNotices : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "RedemptionBudgets",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ProgrammeYearId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CommittedFen = table.Column<long>(type: "INTEGER", nullable: false),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RedemptionBudgets", x => x.Id);
                    table.CheckConstraint("CK_RedemptionBudgets_CommittedFen", "\"CommittedFen\" >= 0");
                    table.ForeignKey(
                        name: "FK_RedemptionBudgets_ProgrammeYears_ProgrammeYearId",
                        column: x => x.ProgrammeYearId,
                        principalTable: "ProgrammeYears",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "RedemptionNotices",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    AgencyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AgencyName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ProgrammeYearId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    Count = table.Column<int>(type: "INTEGER", nullable: false),
                    Total = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false),
                    ContentHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    VerificationCode = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    IssuedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RedemptionNotices", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_RedemptionBudgets_ProgrammeYearId",
                table: "RedemptionBudgets",
                column: "ProgrammeYearId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_RedemptionNotices_AgencyId_ProgrammeYearId_ContentHash",
                table: "RedemptionNotices",
                columns: new[] { "AgencyId", "ProgrammeYearId", "ContentHash" });

            migrationBuilder.CreateIndex(
                name: "IX_RedemptionNotices_VerificationCode",
                table: "RedemptionNotices",
                column: "VerificationCode",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "RedemptionBudgets");

            migrationBuilder.DropTable(
                name: "RedemptionNotices");
        }
    }
}
