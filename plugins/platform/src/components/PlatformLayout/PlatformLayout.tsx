import { ReactNode } from 'react';
import {
  Content,
  ContentHeader,
  Header,
  Page,
} from '@backstage/core-components';
import { PlatformTabs } from './PlatformTabs';

/**
 * The frame of every platform page: the "Platform" header, the section tabs,
 * and the page's own heading above its content.
 */
export function PlatformLayout(props: {
  /** The page's heading. */
  title: string;
  /** Shown at the right of the heading, such as a page's main action. */
  actions?: ReactNode;
  children: ReactNode;
}) {
  return (
    <Page themeId="tool">
      <Header
        title="Platform"
        subtitle="Self-service infrastructure with guardrails"
      />
      <PlatformTabs />
      <Content>
        <ContentHeader title={props.title}>{props.actions}</ContentHeader>
        {props.children}
      </Content>
    </Page>
  );
}
