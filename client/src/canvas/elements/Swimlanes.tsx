import { HEADER, laneSlots } from '@truenorth/shared';
import type Konva from 'konva';
import { memo } from 'react';
import { Group, Line, Rect, Text } from 'react-konva';
import { ElementGroup, TitleBand } from './ElementGroup';
import { LANE_NAME, LANE_NAME_FONT } from './laneNames';
import { type ElementProps, FONT } from './types';

const LINE_COLOR = '#e5484d';

/** Lanes (and steps across them) plus the movable line that splits core from mission-critical. */
export const Swimlanes = memo(function Swimlanes({
  el,
  detail,
  draggable,
  handlers,
}: ElementProps<'swimlanes'>) {
  const horizontal = el.orientation === 'horizontal';
  const slots = laneSlots(el);
  const bodyH = el.h - HEADER;
  const laneCount = Math.max(1, el.lanes.length);
  const lanePx = (horizontal ? bodyH : el.w) / laneCount;
  const linePos = el.line === null ? null : horizontal ? HEADER + el.line * bodyH : el.line * el.w;

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
      <TitleBand width={el.w} height={HEADER} title={el.title} detail={detail} />
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
            y={horizontal ? HEADER + li * lanePx + 10 : HEADER + 10}
            text={lane.name}
            fontFamily={FONT}
            fontSize={LANE_NAME_FONT}
            fontStyle="700"
            fill="#3b4252"
          />
        ))}
      {detail &&
        el.steps.map((step, si) => {
          const stepPx = (horizontal ? el.w : bodyH) / el.steps.length;
          // Steps across are named in the middle of their column; the first column's name keeps
          // clear of the title at the band's left end (~11 px a character at 20 px, bold).
          const from = si === 0 ? Math.min(stepPx / 2, 16 + el.title.length * 11 + 16) : 12;
          // Centred in the header band (its name is the handle's text: a double click renames it).
          return (
            <Text
              key={step.id}
              name={LANE_NAME}
              laneKind="steps"
              laneId={step.id}
              x={horizontal ? si * stepPx + from : el.w - 160}
              y={horizontal ? (HEADER - LANE_NAME_FONT) / 2 : HEADER + si * stepPx + 10}
              width={horizontal ? stepPx - from - 12 : 150}
              align={horizontal ? 'center' : 'left'}
              text={step.name.toUpperCase()}
              fontFamily={FONT}
              fontSize={LANE_NAME_FONT}
              fontStyle="600"
              letterSpacing={1}
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
                  x={end === 'end' ? el.w - 220 : 8}
                  y={horizontal ? -24 : HEADER + 8}
                  width={210}
                  align={end === 'end' ? 'right' : 'left'}
                  text={`▲ ${el.lineLabels[0]}`}
                  fontFamily={FONT}
                  fontSize={16}
                  fontStyle="700"
                  fill={LINE_COLOR}
                  listening={false}
                />
                <Text
                  x={end === 'end' ? el.w - 220 : 8}
                  y={horizontal ? 8 : HEADER + 30}
                  width={210}
                  align={end === 'end' ? 'right' : 'left'}
                  text={`▼ ${el.lineLabels[1]}`}
                  fontFamily={FONT}
                  fontSize={16}
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

function setCursor(e: Konva.KonvaEventObject<MouseEvent>, cursor: string): void {
  const container = e.target.getStage()?.container();
  if (container) container.style.cursor = cursor;
}
