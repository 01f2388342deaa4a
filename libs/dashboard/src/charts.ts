import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";

export interface LineSpec {
  readonly label: string;
  readonly color: string;
  readonly dash?: number[];
  /** Mark each value with a dot: a series with gaps may have buckets no line reaches. */
  readonly points?: boolean;
}

/**
 * A time chart (uPlot, drawn on a canvas) that follows its container's width. Its numbers are
 * also written as text beside it (the tiles and tables), so nothing is only in pixels.
 */
export class TimeChart {
  private plot: uPlot | undefined;
  private readonly resize = new ResizeObserver(() => this.fit());

  constructor(
    private readonly container: HTMLElement,
    private readonly lines: readonly LineSpec[],
    private readonly unit: string,
  ) {
    this.resize.observe(container);
  }

  show(times: number[], values: (number | null)[][]): void {
    const data: uPlot.AlignedData = [times, ...values];
    if (this.plot === undefined) {
      this.plot = new uPlot(this.options(), data, this.container);
    } else {
      this.plot.setData(data);
    }
  }

  private options(): uPlot.Options {
    return {
      width: this.width(),
      height: 220,
      series: [
        {},
        ...this.lines.map((line) => ({
          label: line.label,
          stroke: line.color,
          width: 2,
          spanGaps: false,
          ...(line.dash === undefined ? {} : { dash: line.dash }),
          ...(line.points === true ? { points: { show: true, size: 5 } } : {}),
          value: (_plot: uPlot, value: number | null) =>
            value === null ? "–" : `${Math.round(value * 100) / 100}${this.unit}`,
        })),
      ],
      axes: [{}, { size: 56 }],
      scales: { y: { range: (_plot, _min, max) => [0, Math.max(max, 1) * 1.1] } },
      cursor: { drag: { x: false, y: false } },
    };
  }

  private width(): number {
    return Math.max(this.container.clientWidth, 240);
  }

  private fit(): void {
    this.plot?.setSize({ width: this.width(), height: 220 });
  }
}
