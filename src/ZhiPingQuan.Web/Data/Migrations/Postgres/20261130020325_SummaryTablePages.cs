using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ZhiPingQuan.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class SummaryTablePages : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "VoidCause",
                table: "SummaryTableSeals",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "BatchName",
                table: "SummaryTables",
                type: "character varying(200)",
                maxLength: 200,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "CreatedBy",
                table: "SummaryTables",
                type: "character varying(200)",
                maxLength: 200,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "PlatformSignature",
                table: "SummaryTables",
                type: "character varying(200)",
                unicode: false,
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SealRefusalReason",
                table: "SummaryTables",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "SealRefusedAtUtc",
                table: "SummaryTables",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SealRefusedBy",
                table: "SummaryTables",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SealRefusedByOrganisation",
                table: "SummaryTables",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SignatureKeyFingerprint",
                table: "SummaryTables",
                type: "character varying(16)",
                unicode: false,
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "SubmittedLate",
                table: "SummaryTables",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "Title",
                table: "SummaryTables",
                type: "character varying(200)",
                maxLength: 200,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "UnitName",
                table: "SummaryTables",
                type: "character varying(200)",
                maxLength: 200,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<int>(
                name: "Year",
                table: "SummaryTables",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "SummaryTableDroppedRows",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    SummaryTableId = table.Column<Guid>(type: "uuid", nullable: false),
                    EnterpriseId = table.Column<Guid>(type: "uuid", nullable: false),
                    EnterpriseName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    CreditCode = table.Column<string>(type: "character(18)", unicode: false, fixedLength: true, maxLength: 18, nullable: false),
                    Reason = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    AtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SummaryTableDroppedRows", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SummaryTableDroppedRows_SummaryTables_SummaryTableId",
                        column: x => x.SummaryTableId,
                        principalTable: "SummaryTables",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_SummaryTableDroppedRows_SummaryTableId",
                table: "SummaryTableDroppedRows",
                column: "SummaryTableId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "SummaryTableDroppedRows");

            migrationBuilder.DropColumn(
                name: "VoidCause",
                table: "SummaryTableSeals");

            migrationBuilder.DropColumn(
                name: "BatchName",
                table: "SummaryTables");

            migrationBuilder.DropColumn(
                name: "CreatedBy",
                table: "SummaryTables");

            migrationBuilder.DropColumn(
                name: "PlatformSignature",
                table: "SummaryTables");

            migrationBuilder.DropColumn(
                name: "SealRefusalReason",
                table: "SummaryTables");

            migrationBuilder.DropColumn(
                name: "SealRefusedAtUtc",
                table: "SummaryTables");

            migrationBuilder.DropColumn(
                name: "SealRefusedBy",
                table: "SummaryTables");

            migrationBuilder.DropColumn(
                name: "SealRefusedByOrganisation",
                table: "SummaryTables");

            migrationBuilder.DropColumn(
                name: "SignatureKeyFingerprint",
                table: "SummaryTables");

            migrationBuilder.DropColumn(
                name: "SubmittedLate",
                table: "SummaryTables");

            migrationBuilder.DropColumn(
                name: "Title",
                table: "SummaryTables");

            migrationBuilder.DropColumn(
                name: "UnitName",
                table: "SummaryTables");

            migrationBuilder.DropColumn(
                name: "Year",
                table: "SummaryTables");
        }
    }
}
