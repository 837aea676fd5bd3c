/**
 * An optimisation of the plain render path, and nothing else: the same bytes as rendering every
 * message with Thymeleaf ({@code IssueRenderer}), for a few percent of its CPU.
 *
 * <p>A <em>stencil</em> is a message rendered once for a subscriber <em>shape</em> (which personal
 * fields there are and which are empty), with slots where the personal values go
 * ({@link dev.newsletter.render.stencil.PrerenderedBody}). Every other subscriber of that shape gets
 * the stencil with their values filled into the slots, escaped as the template escaped them there.
 *
 * <ul>
 *   <li>{@link dev.newsletter.render.stencil.PrerenderedShapes}: the entry, one per prepared issue;
 *       keeps one pre-rendered message per shape and checks the first of each against a full render.
 *   <li>{@link dev.newsletter.render.stencil.SlotFinder}: renders a shape with sentinel values and
 *       reads where they came out and how they were escaped.
 *   <li>{@link dev.newsletter.render.stencil.WatchedValues}: the sentinels as the template sees them,
 *       recording whether it only printed them.
 *   <li>{@link dev.newsletter.render.stencil.TemplateSourceCheck}: refuses templates whose source uses
 *       a value in ways the watched values cannot see.
 * </ul>
 *
 * <p>It steps aside, and the message is rendered in full, when: the environment says
 * {@code NEWSLETTER_PLAIN_RENDER=1} (the one switch, {@link
 * dev.newsletter.render.stencil.PrerenderedShapes#SWITCH}; nothing is pre-rendered); the templates
 * have a {@code <style>} block to inline or bind a personal value to a name; the template does more
 * with a value than print it (compares, measures, transforms, builds a link on it, prints it as
 * markup); a value is blank, has a control character or half a surrogate pair; the first message of
 * a shape differs from its full render; or 32 shapes are already kept. Slower, never different:
 * {@code SameBytesAsPlainRenderTest} compares every message with the switch on.
 *
 * <p>Only {@code IssueRenderer} uses this package ({@code ArchitectureTest}), and this package uses
 * nothing of {@code render}: the renderer hands over what it needs through types owned here
 * ({@link dev.newsletter.render.stencil.PersonalValues}, the {@code FullRender} and {@code StyleBlocks}
 * of {@link dev.newsletter.render.stencil.PrerenderedShapes}), and both write character references
 * through {@link dev.newsletter.text.CharacterReference}.
 */
package dev.newsletter.render.stencil;
