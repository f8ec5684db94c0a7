import { HEADER, LABEL_INSET, laneSlots } from '@truenorth/shared';
import { paragraphDirection } from '@truenorth/shared/direction';
import type Konva from 'konva';
import { memo } from 'react';
import { Group, Line, Rect, Text } from 'react-konva';
import { measures, NAME_PX, readableSize, shareTitleBand } from '../labelFit';
import { ElementGroup, TitleBand, titleSize } from './ElementGroup';
import { LANE_NAME, LANE_NAME_FONT } from './laneNames';
import { type ElementProps, FONT } from './types';

const LINE_COLOR = '#ce2c31';

/** Lanes (and steps across them) plus the movable line that splits core from mission-critical. */
export const Swimlanes = memo(function Swimlanes({
  el,
  detail,
  draggable,
  handlers,
  scale = 1,
}: ElementProps<'swimlanes'>) {
  const horizontal = el.orientation === 'horizontal';
  const slots = laneSlots(el);
  const bodyH = el.h - HEADER;
  const laneCount = Math.max(1, el.lanes.length);
  const lanePx = (horizontal ? bodyH : el.w) / laneCount;
  const linePos = el.line === null ? null : horizontal ? HEADER + el.line * bodyH : el.line * el.w;
  const stepPx = el.steps.length ? (horizontal ? el.w : bodyH) / el.steps.length : 0;
  // Names keep a readable size on screen when zoomed out (labelFit): a lane's in the label band
  // above its cards, a step's in the title band (across) or its row's label band (down).
  const nameSize = readableSize(LANE_NAME_FONT, NAME_PX, scale, LABEL_INSET - 8);
  const stepName = (name: string) => name.toUpperCase();
  // Across, the first step's name shares the title band with the title.
  const first =
    detail && horizontal && el.steps[0]
      ? shareTitleBand(
          stepPx,
          measures.bold()(el.title) * titleSize(scale),
          measures.semibold()(stepName(el.steps[0].name)) * nameSize + stepName(el.steps[0].name).length,
        )
      : null;
  // The side names of the line: 16, or ~12 px on screen, their offsets growing with them.
  const k = readableSize(16, NAME_PX, scale, 40) / 16;

  const onLineDrag = (e: Konva.KonvaEventObject<DragEvent>) => {
    e.cancelBubble = true;
    const n = e.target;
    if (horizontal) {
      n.x(0);
      n.y(Math.min(el.h, Math.max(HEADER, n.y())));
    } else {
      n.y(0);
      n.x(Math.min(el.w, Math.max(0, n.x())));
    }
    handlers.onLineMove(el.id, lineFraction(n));
  };
  const lineFraction = (n: Konva.Node) =>
    Math.min(1, Math.max(0, horizontal ? (n.y() - HEADER) / bodyH : n.x() / el.w));
  const onLineEnd = (e: Konva.KonvaEventObject<DragEvent>) => {
    e.cancelBubble = true;
    handlers.onLineChange(el.id, lineFraction(e.target));
  };

  return (
    <ElementGroup el={el} kind="container" draggable={draggable} handlers={handlers}>
      <TitleBand
        width={el.w}
        height={HEADER}
        title={el.title}
        detail={detail}
        scale={scale}
        titleWidth={first?.titleWidth}
      />
      {slots.map((s, i) => (
        <Rect
          key={s.slot ?? i}
          x={s.rect.x - el.x}
          y={s.rect.y - el.y}
          width={s.rect.w}
          height={s.rect.h}
          fill={Math.floor(i / Math.max(1, el.steps.length)) % 2 ? '#f6f8fb' : '#fdfdfe'}
          stroke="#dfe3ea"
          strokeWidth={1}
          listening={false}
          perfectDrawEnabled={false}
        />
      ))}
      {detail &&
        el.lanes.map((lane, li) => (
          // A lane's name is renamed by a double click on it (see laneNames.ts).
          <Text
            key={lane.id}
            name={LANE_NAME}
            laneKind="lanes"
            laneId={lane.id}
            x={horizontal ? 12 : li * lanePx + 12}
            y={(horizontal ? HEADER + li * lanePx : HEADER) + (LABEL_INSET - nameSize) / 2}
            width={Math.max(0, (horizontal ? Math.min(el.w, Math.max(stepPx, 420)) : lanePx) - 24)}
            text={lane.name}
            fontFamily={FONT}
            fontSize={nameSize}
            fontStyle="700"
            fill="#3b4252"
            {...rightToLeft(lane.name)}
            wrap="none"
            ellipsis
          />
        ))}
      {detail &&
        el.steps.map((step, si) => {
          // Across: centred in their column of the title band (the first one clear of the title).
          // Down: at the right end of their row's label band.
          const from = si === 0 && first ? first.nameX : 12;
          const downW = Math.min(el.w / 2, 150 * (nameSize / LANE_NAME_FONT));
          // Its name is the handle's text: a double click renames it.
          return (
            <Text
              key={step.id}
              name={LANE_NAME}
              laneKind="steps"
              laneId={step.id}
              x={horizontal ? si * stepPx + from : el.w - downW - 10}
              y={horizontal ? (HEADER - nameSize) / 2 : HEADER + si * stepPx + (LABEL_INSET - nameSize) / 2}
              width={Math.max(
                0,
                horizontal ? (si === 0 && first ? first.nameWidth : stepPx - from - 12) : downW,
              )}
              align={horizontal ? 'center' : 'left'}
              text={stepName(step.name)}
              fontFamily={FONT}
              fontSize={nameSize}
              fontStyle="600"
              letterSpacing={1}
              direction={paragraphDirection(step.name) === 'rtl' ? 'rtl' : 'inherit'}
              wrap="none"
              ellipsis
              fill="#3b4252"
            />
          );
        })}
      {linePos !== null && (
        <Group
          x={horizontal ? 0 : linePos}
          y={horizontal ? linePos : 0}
          draggable={draggable}
          onDragMove={onLineDrag}
          onDragEnd={onLineEnd}
          onDragStart={(e) => {
            e.cancelBubble = true;
          }}
          // Say it can be dragged, and which way.
          onMouseEnter={(e) => setCursor(e, draggable ? (horizontal ? 'ns-resize' : 'ew-resize') : '')}
          onMouseLeave={(e) => setCursor(e, '')}
          name="swimline"
        >
          <Line
            points={horizontal ? [0, 0, el.w, 0] : [0, HEADER, 0, el.h]}
            stroke={LINE_COLOR}
            strokeWidth={3}
            dash={[14, 8]}
            // Easy to grab at the zoom a whole exercise is seen at (~0.4: 16 px on screen).
            hitStrokeWidth={40}
          />
          {detail &&
            // Which side is which, at both ends of the line: a panel over one end of the view
            // (the workshop panel, the tools) still leaves the other in sight.
            (horizontal ? ['start', 'end'] : ['start']).map((end) => (
              <Group key={end} name="swimline-labels">
                <Text
                  x={end === 'end' ? el.w - 220 * k : 8}
                  y={horizontal ? -24 * k : HEADER + 8 * k}
                  width={210 * k}
                  align={end === 'end' ? 'right' : 'left'}
                  text={`▲ ${el.lineLabels[0]}`}
                  fontFamily={FONT}
                  fontSize={16 * k}
                  fontStyle="700"
                  fill={LINE_COLOR}
                  listening={false}
                />
                <Text
                  x={end === 'end' ? el.w - 220 * k : 8}
                  y={horizontal ? 8 * k : HEADER + 30 * k}
                  width={210 * k}
                  align={end === 'end' ? 'right' : 'left'}
                  text={`▼ ${el.lineLabels[1]}`}
                  fontFamily={FONT}
                  fontSize={16 * k}
                  fontStyle="700"
                  fill={LINE_COLOR}
                  listening={false}
                />
              </Group>
            ))}
        </Group>
      )}
    </ElementGroup>
  );
});

/** A right-to-left name (Arabic, Hebrew) is written from its band's right side. */
function rightToLeft(text: string): { direction: 'rtl' | 'inherit'; align: 'right' | 'left' } {
  return paragraphDirection(text) === 'rtl'
    ? { direction: 'rtl', align: 'right' }
    : { direction: 'inherit', align: 'left' };
}

function setCursor(e: Konva.KonvaEventObject<MouseEvent>, cursor: string): void {
  const container = e.target.getStage()?.container();
  if (container) container.style.cursor = cursor;
}
