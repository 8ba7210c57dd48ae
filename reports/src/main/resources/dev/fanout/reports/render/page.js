// Draws the report's charts from the data inlined in #report-data, then records in #selfcheck
// whether each chart really drew.
(function () {
  'use strict';
  var check = window.fanoutSelfcheck;
  var data = JSON.parse(document.getElementById('report-data').textContent);

  // Okabe-Ito: tells strategies apart for colour-blind readers too.
  var PALETTE = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#000000', '#999933'];
  // A marker per strategy as well, so lines that lie on top of each other can still be told apart.
  var MARKERS = ['circle', 'rect', 'triangle', 'rectRot', 'star', 'crossRot', 'rectRounded', 'cross'];
  var OUTCOME_COLOURS = {failed: '#B00020', timedOut: '#8B4513', cancelled: '#9E9E9E'};
  var OUTCOME_NAMES = {s: 'success', f: 'failed', t: 'timedOut', c: 'cancelled'};
  var IDEAL_COLOUR = '#444444';
  var CEILING_COLOUR = '#B00020';
  var BOUND_COLOUR = '#777777';

  Chart.defaults.animation = false; // draw at once: screenshots and the self-check see the final picture
  Chart.defaults.responsive = true;
  Chart.defaults.maintainAspectRatio = false;
  Chart.defaults.font.family = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';
  Chart.defaults.font.size = 12;
  Chart.defaults.color = '#333';
  Chart.defaults.plugins.title.font = {size: 14, weight: 'bold'};
  Chart.defaults.plugins.legend.position = 'bottom';
  Chart.defaults.plugins.legend.labels.usePointStyle = true;
  Chart.defaults.plugins.legend.labels.boxHeight = 8;

  var number = new Intl.NumberFormat('en-US', {maximumFractionDigits: 0});
  var charts = [];

  function strategyIndex(strategy) {
    var i = data.strategies.indexOf(strategy);
    return i < 0 ? data.strategies.length : i;
  }

  function colour(strategy) {
    return PALETTE[strategyIndex(strategy) % PALETTE.length];
  }

  function marker(strategy) {
    return MARKERS[strategyIndex(strategy) % MARKERS.length];
  }

  // A lighter shade of a #rrggbb colour, for every other request of a timeline row.
  function lighter(hex) {
    var n = parseInt(hex.slice(1), 16);
    var mix = function (c) { return Math.round(c + (255 - c) * 0.45); };
    return 'rgb(' + mix(n >> 16) + ',' + mix((n >> 8) & 255) + ',' + mix(n & 255) + ')';
  }

  function readable(v) {
    if (v === null || !isFinite(v)) {
      return '—';
    }
    var a = Math.abs(v);
    return a >= 100 ? number.format(v) : a >= 10 ? v.toFixed(1) : v.toFixed(2);
  }

  // Log-scale tick labels: only 1, 2 and 5 of each decade, so labels never crowd.
  function decadeLabel(value) {
    var significand = value / Math.pow(10, Math.floor(Math.log10(value) + 1e-9));
    var r = Math.round(significand * 1000) / 1000;
    if (r !== 1 && r !== 2 && r !== 5) {
      return '';
    }
    return value >= 1000 ? number.format(value) : String(+value.toPrecision(3));
  }

  function axisTitle(text) {
    return {display: true, text: text, font: {weight: 'bold'}};
  }

  function widthAxis(widths) {
    return {
      type: 'logarithmic',
      min: widths[0] / 1.3,
      max: widths[widths.length - 1] * 1.3,
      title: axisTitle('width: the most requests in flight (log scale)'),
      afterBuildTicks: function (axis) {
        axis.ticks = widths.map(function (w) { return {value: w}; });
      },
      ticks: {callback: function (value) { return String(value); }},
      grid: {color: '#e6e6e6'}
    };
  }

  function logAxis(title) {
    return {
      type: 'logarithmic',
      title: axisTitle(title),
      ticks: {callback: decadeLabel, autoSkip: false},
      grid: {color: '#e6e6e6'}
    };
  }

  function element(tag, className, text) {
    var e = document.createElement(tag);
    if (className) {
      e.className = className;
    }
    if (text) {
      e.textContent = text;
    }
    return e;
  }

  // A figure with a canvas of the given height in a container; returns the canvas.
  function chartBox(container, id, heightPx) {
    var figure = element('figure', 'chart');
    var box = element('div', 'canvas-box');
    box.style.height = heightPx + 'px';
    var canvas = document.createElement('canvas');
    canvas.id = id;
    box.appendChild(canvas);
    figure.appendChild(box);
    container.appendChild(figure);
    return canvas;
  }

  // Charts are created only once every container is in the page, so each is drawn at its final size.
  var pending = [];

  function draw(kind, canvas, config) {
    pending.push({kind: kind, canvas: canvas, config: config});
  }

  function createCharts() {
    pending.forEach(function (p) {
      try {
        charts.push({kind: p.kind, canvas: p.canvas, chart: new Chart(p.canvas, p.config)});
      } catch (e) {
        check.state.errors.push(p.kind + ' chart ' + p.canvas.id + ': ' + e);
        charts.push({kind: p.kind, canvas: p.canvas, chart: null});
      }
    });
  }

  function lineDataset(label, points, strategy, extra) {
    var d = {
      label: label, data: points, borderColor: colour(strategy), backgroundColor: colour(strategy),
      pointStyle: marker(strategy), borderWidth: 2, pointRadius: 4, tension: 0, spanGaps: false
    };
    return Object.assign(d, extra || {});
  }

  function referenceLine(label, points, lineColour, dash) {
    return {
      label: label, data: points, borderColor: lineColour, backgroundColor: lineColour, pointStyle: 'line',
      borderDash: dash, borderWidth: 1.5, pointRadius: 0, pointHoverRadius: 0, tension: 0
    };
  }

  // 1. Throughput against width, with the ideal and the harness ceiling.
  function throughputChart(container, profile, i) {
    var widths = profile.widths;
    var datasets = profile.series.map(function (s) {
      return lineDataset(s.strategy, s.points.map(function (p) {
        return {x: p.width, y: p.itemsPerSec, p: p};
      }), s.strategy);
    });
    // Harness-bound points get a red ring of their own, with its own legend entry saying what it means.
    var bound = [];
    profile.series.forEach(function (s) {
      s.points.filter(function (p) { return p.harnessBound; }).forEach(function (p) {
        bound.push({x: p.width, y: p.itemsPerSec, p: p, strategy: s.strategy});
      });
    });
    if (bound.length) {
      datasets.push({
        label: 'harness-bound: the harness, not the strategy, is the limit', data: bound, showLine: false,
        pointStyle: 'circle', pointRadius: 9, pointHoverRadius: 10, pointBorderWidth: 2.5,
        borderColor: CEILING_COLOUR, backgroundColor: 'rgba(0,0,0,0)'
      });
    }
    if (profile.ideal) {
      datasets.push(referenceLine('ideal: items / (⌈items / width⌉ × ' + profile.latency.replace(/^fixed:/, '') + '), harness-capped',
          profile.ideal.map(function (p) { return {x: p.width, y: p.itemsPerSec}; }), IDEAL_COLOUR, [6, 4]));
    }
    datasets.push(referenceLine('harness ceiling: ' + number.format(data.capacityRps) + ' requests/s',
        [{x: widths[0] / 1.3, y: data.capacityRps}, {x: widths[widths.length - 1] * 1.3, y: data.capacityRps}],
        CEILING_COLOUR, [2, 3]));
    draw('throughput', chartBox(container, 'throughput-' + i, 400), {
      type: 'line',
      data: {datasets: datasets},
      options: {
        parsing: true,
        scales: {x: widthAxis(widths), y: logAxis('throughput (items/s, log scale)')},
        plugins: {
          title: {display: true, text: 'Throughput — ' + profile.title},
          tooltip: {callbacks: {label: function (ctx) {
            var p = ctx.raw.p;
            if (!p) {
              return ctx.dataset.label + ': ' + readable(ctx.parsed.y) + ' items/s';
            }
            return (ctx.raw.strategy || ctx.dataset.label) + ' at width ' + p.width + ': ' + readable(p.itemsPerSec) + ' ± '
                + readable(p.itemsPerSecErr) + ' items/s, efficiency ' + (p.efficiency === null ? '—' : p.efficiency.toFixed(2))
                + (p.harnessBound ? ' (harness-bound)' : '');
          }}}
        }
      }
    });
  }

  // A legend entry that stands for several lines (a strategy's p99 and p99.9) shows or hides them all.
  function toggleGroup(event, item, legend) {
    var chart = legend.chart;
    var group = chart.data.datasets[item.datasetIndex].group;
    var show = !chart.isDatasetVisible(item.datasetIndex);
    chart.data.datasets.forEach(function (d, i) {
      if (d.group !== undefined && d.group === group) {
        chart.setDatasetVisibility(i, show);
      }
    });
    if (group === undefined) {
      chart.setDatasetVisibility(item.datasetIndex, show);
    }
    chart.update();
  }

  // 2. p99 and p99.9 sojourn latency against width, with the recommendation's bound.
  function tailChart(container, profile, i) {
    var datasets = [];
    profile.series.forEach(function (s) {
      datasets.push(lineDataset(s.strategy, s.points.map(function (p) { return {x: p.width, y: p.p99}; }), s.strategy,
          {group: s.strategy, quantile: 'p99'}));
      datasets.push(lineDataset(s.strategy, s.points.map(function (p) { return {x: p.width, y: p.p999}; }), s.strategy,
          {group: s.strategy, quantile: 'p99.9', borderDash: [5, 4], borderWidth: 1.5, pointRadius: 3}));
    });
    if (profile.boundMs !== null) {
      var w = profile.widths;
      datasets.push(referenceLine('bound: ' + profile.boundLabel,
          [{x: w[0] / 1.3, y: profile.boundMs}, {x: w[w.length - 1] * 1.3, y: profile.boundMs}], BOUND_COLOUR, [8, 3, 2, 3]));
    }
    draw('tail', chartBox(container, 'tail-' + i, 400), {
      type: 'line',
      data: {datasets: datasets},
      options: {
        scales: {x: widthAxis(profile.widths), y: logAxis('sojourn latency (ms, log scale)')},
        plugins: {
          title: {display: true, text: 'Tail latency, p99 solid and p99.9 dashed — ' + profile.title},
          legend: {
            labels: {filter: function (item, chartData) { return chartData.datasets[item.datasetIndex].quantile !== 'p99.9'; }},
            onClick: toggleGroup
          },
          tooltip: {callbacks: {label: function (ctx) {
            var q = ctx.dataset.quantile ? ' ' + ctx.dataset.quantile : '';
            return ctx.dataset.label + q + ': ' + readable(ctx.parsed.y) + ' ms';
          }}}
        }
      }
    });
  }

  // 3. Latency by percentile, as the HdrHistogram plotter draws it: x is 1 / (1 - p).
  var PERCENTILE_TICKS = [2, 10, 100, 1000, 10000, 100000, 1000000];

  function percentileLabel(x) {
    var p = 100 * (1 - 1 / x);
    return (Math.round(p * 10000) / 10000) + '%';
  }

  function distributionChart(container, profile, i) {
    var datasets = [];
    var maxX = 10, minY = Infinity, maxY = 0;
    profile.distributions.forEach(function (d) {
      [['sojourn', d.sojourn, [], false], ['service', d.service, [4, 3], true]].forEach(function (kind) {
        var points = kind[1].map(function (xy) { return {x: xy[0], y: xy[1]}; });
        points.forEach(function (p) {
          maxX = Math.max(maxX, p.x);
          if (p.y > 0) {
            minY = Math.min(minY, p.y);
          }
          maxY = Math.max(maxY, p.y);
        });
        datasets.push(lineDataset(kind[3] ? d.strategy + ' service' : d.strategy, points, d.strategy,
            {borderDash: kind[2], hidden: kind[3], service: kind[3], pointRadius: 0, borderWidth: kind[3] ? 1.5 : 2}));
      });
    });
    // Up to the next labelled percentile, so the last one measured sits inside the axis.
    var xMax = PERCENTILE_TICKS.filter(function (t) { return t >= maxX; })[0] || maxX;
    // The plotter uses a linear latency axis; when strategies differ by decades, a log one keeps all readable.
    var yAxis = maxY / minY > 30 ? logAxis('latency (ms, log scale)')
        : {type: 'linear', min: 0, title: axisTitle('latency (ms)'), grid: {color: '#e6e6e6'}};
    draw('percentiles', chartBox(container, 'percentiles-' + i, 400), {
      type: 'line',
      data: {datasets: datasets},
      options: {
        scales: {
          x: {
            type: 'logarithmic', min: 1, max: xMax,
            title: axisTitle('percentile (1 / (1 − p), log scale)'),
            afterBuildTicks: function (axis) {
              axis.ticks = PERCENTILE_TICKS.filter(function (t) { return t <= xMax; })
                  .map(function (t) { return {value: t}; });
            },
            ticks: {callback: percentileLabel},
            grid: {color: '#e6e6e6'}
          },
          y: yAxis
        },
        plugins: {
          title: {display: true, text: 'Sojourn latency by percentile at width ' + profile.focusWidth + ' — ' + profile.title},
          legend: {labels: {filter: function (item, chartData) { return !chartData.datasets[item.datasetIndex].service; }}},
          tooltip: {callbacks: {label: function (ctx) {
            return ctx.dataset.label + ' at ' + percentileLabel(ctx.parsed.x) + ': ' + readable(ctx.parsed.y) + ' ms';
          }}}
        }
      }
    });
  }

  // 4. One batch: every request a bar from start to end, one row per slot.
  function timelineChart(container, profile, timeline, id) {
    var slots = Math.max(timeline.slots, 1);
    var plotHeight = Math.min(Math.max(slots * 14, 40), 480);
    var rowHeight = plotHeight / slots;
    var labels = [];
    for (var s = 1; s <= slots; s++) {
      labels.push(String(s));
    }
    // Consecutive requests of a row alternate between two shades, so each request's own extent shows
    // without white borders (which would swallow requests shorter than a pixel or two).
    var byOutcome = {};
    var inRow = {};
    timeline.bars.forEach(function (b) {
      var outcome = OUTCOME_NAMES[b[4]] || 'success';
      var n = inRow[b[2]] = (inRow[b[2]] || 0) + 1;
      (byOutcome[outcome] = byOutcome[outcome] || []).push({x: [b[0], b[1]], y: String(b[2] + 1), i: b[3], alt: n % 2 === 0});
    });
    var datasets = Object.keys(byOutcome).map(function (outcome) {
      var fill = outcome === 'success' ? colour(timeline.strategy) : OUTCOME_COLOURS[outcome];
      var shade = lighter(fill);
      return {
        label: outcome === 'success' ? 'request (success)' : 'request (' + outcome + ')',
        data: byOutcome[outcome], pointStyle: 'rect',
        backgroundColor: function (ctx) { return ctx.raw && ctx.raw.alt ? shade : fill; },
        borderWidth: 0, grouped: false,
        categoryPercentage: 1.0, barPercentage: rowHeight >= 6 ? 0.8 : 1.0, minBarLength: 1
      };
    });
    var title = timeline.strategy + ' at width ' + timeline.width + ': ' + timeline.bars.length + ' requests, '
        + slots + (slots === 1 ? ' slot' : ' slots') + ', batch ' + readable(timeline.makespanMs) + ' ms'
        + (timeline.notStarted ? ' (' + timeline.notStarted + ' never started)' : '');
    draw('timeline', chartBox(container, id, plotHeight + 110), {
      type: 'bar',
      data: {labels: labels, datasets: datasets},
      options: {
        indexAxis: 'y',
        scales: {
          x: {type: 'linear', min: 0, max: Math.max(timeline.makespanMs, 1e-3),
              title: axisTitle('time since the batch started (ms)'), grid: {color: '#e6e6e6'},
              ticks: {includeBounds: false}},
          y: {type: 'category', title: axisTitle('slot'), grid: {display: false},
              ticks: {autoSkip: true, autoSkipPadding: 4}}
        },
        plugins: {
          title: {display: true, text: title},
          tooltip: {callbacks: {label: function (ctx) {
            var r = ctx.raw;
            return 'request #' + r.i + ': ' + readable(r.x[0]) + ' → ' + readable(r.x[1]) + ' ms ('
                + readable(r.x[1] - r.x[0]) + ' ms), slot ' + r.y;
          }}}
        }
      }
    });
  }

  // The checkbox above the percentile charts adds or removes every service-latency line.
  function serviceToggle() {
    var box = document.getElementById('show-service');
    if (!box) {
      return;
    }
    box.addEventListener('change', function () {
      charts.filter(function (c) { return c.kind === 'percentiles' && c.chart; }).forEach(function (c) {
        c.chart.data.datasets.forEach(function (d, i) {
          if (d.service) {
            c.chart.setDatasetVisibility(i, box.checked);
          }
        });
        c.chart.update();
      });
    });
  }

  function section(kind) {
    return document.querySelector('[data-charts="' + kind + '"]');
  }

  function drawAll() {
    data.profiles.forEach(function (profile, i) {
      throughputChart(section('throughput'), profile, i);
      tailChart(section('tail'), profile, i);
      distributionChart(section('percentiles'), profile, i);
    });
    // Timelines: a row per strategy, a column per profile, so the shapes line up for comparison.
    var grid = section('timelines');
    grid.style.gridTemplateColumns = 'repeat(' + Math.min(data.profiles.length, 3) + ', minmax(0, 1fr))';
    data.profiles.forEach(function (profile) {
      grid.appendChild(element('h3', 'timeline-heading', profile.title + ' — width ' + profile.focusWidth));
    });
    data.strategies.forEach(function (strategy, s) {
      data.profiles.forEach(function (profile, i) {
        var timeline = profile.timelines.filter(function (t) { return t.strategy === strategy; })[0];
        var cell = element('div', 'timeline-cell');
        grid.appendChild(cell);
        if (timeline && timeline.bars.length) {
          timelineChart(cell, profile, timeline, 'timeline-' + i + '-' + s);
        } else if (timeline) {
          cell.appendChild(element('p', 'note', timeline.strategy + ' at width ' + timeline.width
              + ': no request of this batch started (' + timeline.notStarted + ' never started).'));
        }
      });
    });
  }

  // Whether a canvas holds any non-transparent pixel.
  function inked(canvas) {
    if (!canvas.width || !canvas.height) {
      return false;
    }
    var pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
    for (var i = 3; i < pixels.length; i += 4) {
      if (pixels[i] !== 0) {
        return true;
      }
    }
    return false;
  }

  function elements(chart) {
    return chart.getSortedVisibleDatasetMetas().reduce(function (n, meta) {
      return n + meta.data.filter(function (e) { return !e.skip && isFinite(e.x) && isFinite(e.y); }).length;
    }, 0);
  }

  try {
    drawAll();
    createCharts();
    serviceToggle();
  } catch (e) {
    check.state.errors.push('drawing failed: ' + e + (e.stack ? ' ' + e.stack.split('\n')[1] : ''));
  }
  check.state.charts = charts.map(function (c) {
    var drawnElements = c.chart ? elements(c.chart) : 0;
    return {
      id: c.canvas.id, kind: c.kind, width: c.canvas.width, height: c.canvas.height,
      elements: drawnElements, drawn: !!c.chart && drawnElements > 0 && inked(c.canvas)
    };
  });
  check.state.pageHeight = Math.ceil(document.documentElement.scrollHeight);
  check.state.done = true;
  check.publish();
})();
