// The home page's charts: each <canvas data-chart="{…}"> carries its kind, labels, series and unit as JSON (the
// Content-Security-Policy refuses inline scripts), drawn with the vendored Chart.js. The same numbers are in the table
// beside each chart, which is what screen readers and printouts use; the canvas itself is role="img" with a label.
(function () {
    'use strict';
    if (typeof Chart === 'undefined') {
        return;
    }
    // Colours with at least 3:1 contrast against the white card (WCAG 2.1 non-text contrast), told apart by lightness too.
    var palette = ['#1f5fa8', '#b45309', '#4b5563', '#15803d', '#7e22ce', '#be123c'];
    var reduceMotion = window.matchMedia && window.matchMedia('(prefers-reduced-motion: reduce)').matches;

    Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
    Chart.defaults.color = '#343a40';
    Chart.defaults.locale = 'zh-CN';
    if (reduceMotion) {
        Chart.defaults.animation = false;
        Chart.defaults.transitions.active.animation.duration = 0;
    }

    function format(value, unit) {
        return Number(value).toLocaleString('zh-CN', { maximumFractionDigits: 2 }) + ' ' + unit;
    }

    document.querySelectorAll('canvas[data-chart]').forEach(function (canvas) {
        var spec = JSON.parse(canvas.dataset.chart);
        var horizontal = spec.kind === 'hbar';
        var datasets = spec.series.map(function (s, i) {
            var colour = palette[i % palette.length];
            return {
                label: s.label,
                data: s.data,
                backgroundColor: colour,
                borderColor: colour,
                borderWidth: 1,
                maxBarThickness: 48
            };
        });
        var valueAxis = {
            beginAtZero: true,
            stacked: spec.stacked,
            title: { display: true, text: spec.unit === '%' ? '覆盖率（%）' : spec.unit === '万元' ? '金额（万元）' : '企业数（家）' },
            ticks: { precision: spec.unit === '家' ? 0 : undefined }
        };
        if (spec.unit === '%') {
            valueAxis.suggestedMax = 100;
        }
        var categoryAxis = { stacked: spec.stacked, ticks: { autoSkip: false } };
        var chart = new Chart(canvas, {
            type: 'bar',
            data: { labels: spec.labels, datasets: datasets },
            options: {
                indexAxis: horizontal ? 'y' : 'x',
                responsive: true,
                maintainAspectRatio: false,
                scales: horizontal ? { x: valueAxis, y: categoryAxis } : { x: categoryAxis, y: valueAxis },
                plugins: {
                    legend: { display: datasets.length > 1, position: 'bottom' },
                    tooltip: {
                        callbacks: {
                            label: function (ctx) {
                                return ctx.dataset.label + '：' + format(ctx.raw, spec.unit);
                            }
                        }
                    }
                }
            }
        });
        canvas.dataset.chartDrawn = String(chart.data.datasets.length);
    });
})();
