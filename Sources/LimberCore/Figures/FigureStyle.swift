/// The figure's colours, by CSS class, for light and dark themes and for print. A figure shown as an
/// image carries this inside its SVG; pages that draw figures inline link it as a stylesheet, so
/// both read the same rules.
public enum FigureStyle {
    public static let css = """
        .fig{--fb:#3f4f58;--ff:#9aa7ad;--fh:#0a6b66;--fp:#d5dcdb;--fl:#6a7779}\
        @media (prefers-color-scheme:dark){.fig{--fb:#dfe7e7;--ff:#6d7c80;--fh:#5cc4ba;--fp:#33403f;--fl:#8d9c9e}}\
        @media print{.fig{--fb:#2b3a42;--ff:#9aa7ad;--fh:#0a6b66;--fp:#dde3e2;--fl:#555}}\
        .fig path{fill:none;stroke-linecap:round;stroke-linejoin:round}\
        .fig .b{stroke:var(--fb)}.fig .f{stroke:var(--ff)}.fig .h{stroke:var(--fh)}\
        .fig circle.b{fill:var(--fb);stroke:none}.fig circle.h{fill:var(--fh);stroke:none}\
        .fig .p{fill:var(--fp);stroke:none}.fig .l{stroke:var(--fl);stroke-width:1.2}\
        .fig .t{stroke:var(--fl);stroke-width:1.6;stroke-dasharray:3 2}\
        .fig-live{position:relative;aspect-ratio:4/3;overflow:hidden}\
        .fig-live .fig-stage{position:absolute;inset:0;width:100%;height:100%;display:block}\
        .fig-rig{position:absolute;left:0;top:0;transform-origin:0 0;visibility:hidden}\
        .fig-live[data-ready] .fig-rig{visibility:visible}\
        .fig-mirror,.fig-n{position:absolute;left:0;top:0;transform-origin:0 0}\
        .fig-s{position:absolute;left:0;top:0;overflow:visible;width:1px;height:1px}
        """
}
