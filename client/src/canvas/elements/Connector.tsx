import { memo } from 'react';
import { Arrow, Group, Text } from 'react-konva';
import { arrowPoints } from '../connectorGeometry';
import { type ElementProps, FONT, MUTED } from './types';

export const Connector = memo(function Connector({ el, byId, detail }: ElementProps<'connector'>) {
  const a = byId?.get(el.from);
  const b = byId?.get(el.to);
  if (!a || !b || a.type === 'connector' || b.type === 'connector') return null;
  const pts = arrowPoints(a, b);
  return (
    <Group id={el.id} name="element connector">
      <Arrow
        points={pts}
        stroke="#5b6472"
        fill="#5b6472"
        strokeWidth={2.5}
        pointerLength={12}
        pointerWidth={11}
        hitStrokeWidth={16}
        lineCap="round"
      />
      {detail && el.label && (
        <Text
          x={(pts[0] + pts[2]) / 2}
          y={(pts[1] + pts[3]) / 2 - 18}
          text={el.label}
          fontFamily={FONT}
          fontSize={14}
          fill={MUTED}
          listening={false}
        />
      )}
    </Group>
  );
});
