// Draws the report's charts from the data inlined in #report-data, then records in #selfcheck
// whether each chart really drew.
(function () {
  'use strict';
  var check = window.fanoutSelfcheck;
  var data = JSON.parse(document.getElementById('report-data').textContent);

  // Okabe-Ito: tells strategies apart for colour-blind readers too.
  var PALETTE = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#000000', '#999933', '#882255'];
  // A marker per strategy as well, so lines that lie on top of each other can still be told apart.
  var MARKERS = ['circle', 'rect', 'triangle', 'rectRot', 'star', 'crossRot', 'rectRounded', 'cross', 'circle'];
  // Peers are a group of their own: dark, muted colours, dashed lines, hollow markers.
  var PEER_PALETTE = ['#333333', '#7F7F7F', '#8C510A', '#5E3C99', '#01665E', '#B2182B'];
  var PEER_DASHES = [[7, 4], [3, 3], [10, 3, 2, 3], [14, 4]];
  var PEER_MARKERS = ['circle', 'rect', 'triangle', 'rectRot', 'star', 'crossRot'];
  var OUTCOME_COLOURS = {failed: '#B00020', timedOut: '#8B4513', cancelled: '#9E9E9E'};
  var OUTCOME_NAMES = {s: 'success', f: 'failed', t: 'timedOut', c: 'cancelled'};
  var IDEAL_COLOUR = 'rgba(60, 60, 60, 0.22)';
  var CEILING_COLOUR = '#B00020';
  var BOUND_COLOUR = 'rgba(120, 120, 120, 0.35)';
  var BEYOND_COLOUR = '#7B1FA2';

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

  // Each name's look: its index among the names of its kind picks colour, marker and (for peers) dash.
  var styles = {};
  (function () {
    var counts = {strategy: 0, peer: 0};
    data.names.forEach(function (n) {
      var i = counts[n.kind]++;
      styles[n.name] = n.kind === 'peer'
          ? {peer: true, colour: PEER_PALETTE[i % PEER_PALETTE.length], marker: PEER_MARKERS[i % PEER_MARKERS.length],
             dash: PEER_DASHES[i % PEER_DASHES.length]}
          : {peer: false, colour: PALETTE[i % PALETTE.length], marker: MARKERS[i % MARKERS.length], dash: []};
    });
  })();

  function style(name) {
    return styles[name] || {peer: false, colour: '#777777', marker: 'circle', dash: []};
  }

  function colour(name) {
    return style(name).colour;
  }

  // Legend and tooltip label: peers say so.
  function label(name) {
    return style(name).peer ? 'peer: ' + name : name;
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

  // A line of one strategy or peer: solid for a strategy, dashed with hollow markers for a peer.
  function lineDataset(name, points, extra) {
    var st = style(name);
    var d = {
      label: label(name), name: name, data: points, borderColor: st.colour,
      backgroundColor: st.peer ? '#ffffff' : st.colour, pointBorderColor: st.colour,
      pointStyle: st.marker, borderDash: st.dash, borderWidth: st.peer ? 1.8 : 2, pointRadius: 4,
      tension: 0, spanGaps: false
    };
    return Object.assign(d, extra || {});
  }

  function referenceLine(text, points, lineColour, dash, width) {
    return {
      label: text, data: points, borderColor: lineColour, backgroundColor: lineColour, pointStyle: 'line',
      borderDash: dash, borderWidth: width || 1.5, pointRadius: 0, pointHoverRadius: 0, tension: 0, reference: true
    };
  }

  // A ring around the points that need a second look, with its own legend entry saying why.
  function rings(text, points, ringColour, marker) {
    return {
      label: text, data: points, showLine: false, pointStyle: marker, pointRadius: 9, pointHoverRadius: 10,
      pointBorderWidth: 2.5, borderColor: ringColour, backgroundColor: 'rgba(0,0,0,0)', reference: true
    };
  }

  // 1. Throughput against width, with the ideal and (http) the harness ceiling; for a zero latency, the cost per item.
  function throughputChart(container, profile, i) {
    var widths = profile.widths;
    var datasets = profile.series.map(function (s) {
      return lineDataset(s.name, s.points.map(function (p) {
        return {x: p.width, y: p.itemsPerSec, p: p};
      }));
    });
    var bound = [], beyond = [];
    profile.series.forEach(function (s) {
      s.points.forEach(function (p) {
        if (p.harnessBound) {
          bound.push({x: p.width, y: p.itemsPerSec, p: p, name: s.name});
        }
        if (p.beyondIdeal) {
          beyond.push({x: p.width, y: p.itemsPerSec, p: p, name: s.name});
        }
      });
    });
    if (bound.length) {
      datasets.push(rings('harness-bound: the harness, not the strategy, is the limit', bound, CEILING_COLOUR, 'circle'));
    }
    if (beyond.length) {
      datasets.push(rings('efficiency above 1.0 beyond its error: the ideal is wrong there', beyond, BEYOND_COLOUR, 'rect'));
    }
    if (profile.ideal) {
      datasets.push(referenceLine('ideal: items / (⌈items / width⌉ × ' + profile.latency.replace(/^fixed:/, '') + ')'
          + (profile.http ? ', harness-capped' : ''),
          profile.ideal.map(function (p) { return {x: p.width, y: p.itemsPerSec}; }), IDEAL_COLOUR, [], 7));
    }
    if (profile.http) {
      datasets.push(referenceLine('harness ceiling: ' + number.format(data.capacityRps) + ' requests/s',
          [{x: widths[0] / 1.3, y: data.capacityRps}, {x: widths[widths.length - 1] * 1.3, y: data.capacityRps}],
          CEILING_COLOUR, [2, 3]));
    }
    var title = (profile.zeroLatency ? 'Cost per item (no-op tasks) — ' : 'Throughput — ') + profile.title;
    draw('throughput', chartBox(container, 'throughput-' + i, 420), {
      type: 'line',
      data: {datasets: datasets},
      options: {
        parsing: true,
        scales: {x: widthAxis(widths), y: logAxis('throughput (items/s, log scale)')},
        plugins: {
          title: {display: true, text: title},
          tooltip: {callbacks: {label: function (ctx) {
            var p = ctx.raw.p;
            if (!p) {
              return ctx.dataset.label + ': ' + readable(ctx.parsed.y) + ' items/s';
            }
            var name = ctx.raw.name ? label(ctx.raw.name) : ctx.dataset.label;
            var what = profile.zeroLatency
                ? (p.ratio === null ? '' : ', ×' + p.ratio.toFixed(2) + ' of the fastest peer')
                : ', efficiency ' + (p.efficiency === null ? '—' : p.efficiency.toFixed(2));
            return name + ' at width ' + p.width + ': ' + readable(p.itemsPerSec) + ' ± ' + readable(p.itemsPerSecErr)
                + ' items/s' + what + ', peak ' + readable(p.peak) + ' in flight'
                + (p.harnessBound ? ' (harness-bound)' : '') + (p.beyondIdeal ? ' (efficiency beyond the ideal)' : '');
          }}}
        }
      }
    });
  }

  // 2. p99 sojourn latency against width (p99.9 behind a checkbox), with a reference line at a multiple of the median.
  function tailChart(container, profile, i) {
    var datasets = [];
    profile.series.forEach(function (s) {
      datasets.push(lineDataset(s.name, s.points.map(function (p) { return {x: p.width, y: p.p99}; }),
          {quantile: 'p99'}));
    });
    profile.series.forEach(function (s) {
      datasets.push(lineDataset(s.name, s.points.map(function (p) { return {x: p.width, y: p.p999}; }),
          {quantile: 'p99.9', borderDash: [1, 3], borderWidth: 1.5, pointRadius: 2, hidden: true}));
    });
    if (profile.boundMs !== null) {
      var w = profile.widths;
      datasets.push(referenceLine('reference: ' + profile.boundLabel,
          [{x: w[0] / 1.3, y: profile.boundMs}, {x: w[w.length - 1] * 1.3, y: profile.boundMs}], BOUND_COLOUR, [], 7));
    }
    draw('tail', chartBox(container, 'tail-' + i, 420), {
      type: 'line',
      data: {datasets: datasets},
      options: {
        scales: {x: widthAxis(profile.widths), y: logAxis('sojourn latency (ms, log scale)')},
        plugins: {
          title: {display: true, text: 'Tail latency, p99 — ' + profile.title},
          legend: {labels: {filter: function (item, chartData) { return chartData.datasets[item.datasetIndex].quantile !== 'p99.9'; }}},
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
      [['sojourn', d.sojourn, [], false], ['service', d.service, [1, 3], true]].forEach(function (kind) {
        var points = kind[1].map(function (xy) { return {x: xy[0], y: xy[1]}; });
        points.forEach(function (p) {
          maxX = Math.max(maxX, p.x);
          if (p.y > 0) {
            minY = Math.min(minY, p.y);
          }
          maxY = Math.max(maxY, p.y);
        });
        var extra = {hidden: kind[3], service: kind[3], pointRadius: 0, borderWidth: kind[3] ? 1.5 : 2};
        if (kind[3]) {
          extra.borderDash = kind[2];
          extra.label = label(d.name) + ' service';
        }
        datasets.push(lineDataset(d.name, points, extra));
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
      var fill = outcome === 'success' ? colour(timeline.name) : OUTCOME_COLOURS[outcome];
      var shade = lighter(fill);
      return {
        label: outcome === 'success' ? 'request (success)' : 'request (' + outcome + ')',
        data: byOutcome[outcome], pointStyle: 'rect',
        backgroundColor: function (ctx) { return ctx.raw && ctx.raw.alt ? shade : fill; },
        borderWidth: 0, grouped: false,
        categoryPercentage: 1.0, barPercentage: rowHeight >= 6 ? 0.8 : 1.0, minBarLength: 1
      };
    });
    var title = label(timeline.name) + ' at width ' + timeline.width + ': ' + timeline.bars.length + ' requests, '
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

  // A checkbox shows or hides every line of one sort (service latency, p99.9) in the charts of one kind,
  // but only for names whose main line is shown.
  function lineToggle(boxId, kind, isSort) {
    var box = document.getElementById(boxId);
    if (!box) {
      return;
    }
    box.addEventListener('change', function () {
      charts.filter(function (c) { return c.kind === kind && c.chart; }).forEach(function (c) {
        var datasets = c.chart.data.datasets;
        datasets.forEach(function (d, i) {
          if (isSort(d)) {
            var main = datasets.filter(function (m) { return m.name === d.name && !isSort(m); })[0];
            var mainShown = !main || c.chart.isDatasetVisible(datasets.indexOf(main));
            c.chart.setDatasetVisibility(i, box.checked && mainShown);
          }
        });
        c.chart.update();
      });
    });
  }

  function section(kind) {
    return document.querySelector('[data-charts="' + kind + '"]');
  }

  // 5. Benchmark scenarios: each contender's limit over time (stepped), the server's K dashed grey;
  // yardsticks dashed, fixed widths thin and dotted. A log scale, so 16, 24 and a ceiling of 256 all read.
  function scenarioChart(container, scenario, i) {
    if (!container) {
      return;
    }
    var datasets = [];
    var own = 0;
    var yardsticks = 0;
    scenario.contenders.forEach(function (c) {
      var colourOf = c.yardstick ? PEER_PALETTE[yardsticks++ % PEER_PALETTE.length] : PALETTE[own++ % PALETTE.length];
      datasets.push({
        label: (c.yardstick ? 'yardstick: ' : '') + c.label, name: c.label,
        data: c.series.map(function (p) { return {x: p[0] / 1000, y: Math.max(1, p[1])}; }),
        borderColor: colourOf, backgroundColor: colourOf, borderDash: c.yardstick ? [7, 4] : (c.fixed ? [2, 3] : []),
        borderWidth: c.fixed ? 1.2 : 2, pointRadius: 0, pointHoverRadius: 3, stepped: true, tension: 0
      });
    });
    if (scenario.k.length) {
      var k = referenceLine("the server's K", scenario.k.map(function (p) { return {x: p[0] / 1000, y: p[1]}; }),
          'rgba(90, 90, 90, 0.55)', [5, 4], 3);
      k.stepped = true;
      datasets.push(k);
    }
    var canvas = chartBox(container, 'scenario-' + i, 360);
    draw('scenario', canvas, {
      type: 'line',
      data: {datasets: datasets},
      options: {
        scales: {
          x: {type: 'linear', min: 0, title: axisTitle('seconds from the first call'), grid: {color: '#e6e6e6'}},
          y: logAxis('limit: calls allowed in flight')
        },
        plugins: {
          title: {display: true, text: scenario.title},
          tooltip: {callbacks: {label: function (ctx) {
            return ctx.dataset.label + ': ' + number.format(ctx.parsed.y) + ' at ' + ctx.parsed.x.toFixed(2) + ' s';
          }}}
        }
      }
    });
  }

  function drawAll() {
    (data.scenarios || []).forEach(function (scenario, i) {
      scenarioChart(section('scenario-' + i), scenario, i);
    });
    data.profiles.forEach(function (profile, i) {
      throughputChart(section('throughput'), profile, i);
      if (!profile.zeroLatency) {
        tailChart(section('tail'), profile, i);
        distributionChart(section('percentiles'), profile, i);
      }
    });
    // Timelines: a row per strategy, then per peer, a column per profile, so the shapes line up for comparison.
    var shown = data.profiles.filter(function (profile) { return profile.timelines; });
    var grid = section('timelines');
    grid.style.gridTemplateColumns = 'repeat(' + Math.max(shown.length, 1) + ', minmax(0, 1fr))';
    shown.forEach(function (profile) {
      grid.appendChild(element('h3', 'timeline-heading', profile.title + ' — width ' + profile.focusWidth));
    });
    data.names.forEach(function (n, s) {
      var timelines = shown.map(function (profile) {
        return profile.timelines.filter(function (t) { return t.name === n.name; })[0];
      });
      if (!timelines.some(function (t) { return t; })) {
        return;
      }
      timelines.forEach(function (timeline, i) {
        var cell = element('div', 'timeline-cell' + (n.kind === 'peer' ? ' peer' : ''));
        grid.appendChild(cell);
        if (timeline && timeline.bars.length) {
          timelineChart(cell, shown[i], timeline, 'timeline-' + data.profiles.indexOf(shown[i]) + '-' + s);
        } else if (timeline) {
          cell.appendChild(element('p', 'note', label(timeline.name) + ' at width ' + timeline.width
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
    lineToggle('show-service', 'percentiles', function (d) { return d.service; });
    lineToggle('show-p999', 'tail', function (d) { return d.quantile === 'p99.9'; });
  } catch (e) {
    check.state.errors.push('drawing failed: ' + e + (e.stack ? ' ' + e.stack.split('\n')[1] : ''));
  }
  check.state.charts = charts.map(function (c) {
    var drawnElements = c.chart ? elements(c.chart) : 0;
    // Peers are told apart by their dashes: count the peer lines drawn dashed (a timeline has none).
    var dashedPeers = !c.chart ? 0 : c.chart.data.datasets.filter(function (d) {
      return d.name && style(d.name).peer && d.borderDash && d.borderDash.length && !d.service && d.quantile !== 'p99.9';
    }).length;
    return {
      id: c.canvas.id, kind: c.kind, width: c.canvas.width, height: c.canvas.height,
      elements: drawnElements, drawn: !!c.chart && drawnElements > 0 && inked(c.canvas), dashedPeers: dashedPeers
    };
  });
  check.state.pageHeight = Math.ceil(document.documentElement.scrollHeight);
  check.state.done = true;
  check.publish();
})();
