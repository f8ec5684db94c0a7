import { assertNever, type Element, type ElementOf } from '@truenorth/shared';
import { Connector } from './Connector';
import { Frame } from './Frame';
import { Grid } from './Grid';
import { Sticky } from './Sticky';
import { Swimlanes } from './Swimlanes';
import { TextBlock } from './TextBlock';
import { Theme } from './Theme';
import type { ElementProps } from './types';

/** One component per element kind; a new kind fails to compile here until it is drawn. */
export function ElementNode(props: ElementProps & { el: Element }) {
  const { el } = props;
  switch (el.type) {
    case 'sticky':
      return <Sticky {...props} el={el as ElementOf<'sticky'>} />;
    case 'text':
      return <TextBlock {...props} el={el as ElementOf<'text'>} />;
    case 'frame':
      return <Frame {...props} el={el as ElementOf<'frame'>} />;
    case 'grid':
      return <Grid {...props} el={el as ElementOf<'grid'>} />;
    case 'swimlanes':
      return <Swimlanes {...props} el={el as ElementOf<'swimlanes'>} />;
    case 'theme':
      return <Theme {...props} el={el as ElementOf<'theme'>} />;
    case 'connector':
      return <Connector {...props} el={el as ElementOf<'connector'>} />;
    default:
      return assertNever(el);
  }
}
